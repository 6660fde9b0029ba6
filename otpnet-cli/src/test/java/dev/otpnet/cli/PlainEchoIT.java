package dev.otpnet.cli;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.sendTimeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/otpnet echo} without TLS: {@code otpnet client} through it, and a client that never reads. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlainEchoIT {
    @TempDir
    Path home;

    @Test
    void aPlainServerEchoesForOtpnetClientAndPushesBackAClientThatDoesNotRead() throws Exception {
        try (Otpnet server = Otpnet.start(home, "echo", "--port", "0", "--packet", "2")) {
            int port = server.awaitListening();
            Otpnet.Result r = Otpnet.run(home, "plain\nold\ntcp\n", "client", "127.0.0.1", String.valueOf(port),
                    "--packet", "2");
            assertEquals(0, r.exit(), r.toString());
            assertEquals(List.of("plain", "old", "tcp"), r.stdout());

            // {active, once}: the server reads a packet only after echoing the last, so a client that
            // sends and never reads fills both directions' buffers and its send times out; with
            // {active, true} the server would keep reading into its mailbox and this would not stop.
            byte[] chunk = new byte[60_000];
            long sent = 0;
            long limit = 512L * 1024 * 1024;
            try (TcpSocket c = GenTcp.connect("127.0.0.1", port, List.of(binary(), packet(2), active(false),
                    sendTimeout(2_000)), 10_000)) {
                InetException pushedBack = null;
                while (pushedBack == null && sent < limit) {
                    try {
                        c.send(Bytes.wrap(chunk));
                        sent += chunk.length;
                    } catch (InetException e) {
                        pushedBack = e;
                    }
                }
                assertTrue(pushedBack != null, "sent " + sent + " bytes without being pushed back");
                assertEquals(InetError.TIMEOUT, pushedBack.reason());
            }
            assertTrue(sent < 64L * 1024 * 1024, "pushed back only after " + sent + " bytes");
            server.signal("TERM");
            assertEquals(0, server.awaitExit(), String.join("\n", server.stderr()));
            assertEquals(1, server.stdout().size(), server.stdout().toString());
        }
    }
}
