package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.linger;
import static dev.otpnet.inet.Options.recbuf;
import static dev.otpnet.inet.Options.sndbuf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.otpnet.inet.InetException;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.ErlangPeer;
import dev.otpnet.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Erlang's send returns once the bytes are queued in the port; only a later send waits, while the
 * queue is above high_watermark. So Erlang's pattern for dropping a peer that does not read (send,
 * {@code {linger,{true,0}}}, close) reaches the close. Checked against erl doing the same. (Both
 * sides keep their kernel buffers small, so that 1 MiB cannot fit in them.)
 */
@Tag("interop")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SendQueueInteropTest {
    private static final int MIB = 1024 * 1024;

    @Test
    void erlangReachesTheCloseAfterSendingToAPeerThatDoesNotRead() throws Exception {
        TcpListenSocket l = GenTcp.listen(0, List.of(binary(), active(false), ip("127.0.0.1"), recbuf(4096)));
        try (ErlangPeer erl = ErlangPeer.start("send_queue_peer.escript", "send_and_close",
                Integer.toString(l.port()), Integer.toString(MIB))) {
            TcpSocket silent = l.accept(20_000);
            erl.expect("sent");
            erl.expect("closed");
            erl.expectOk();
            silent.close();
        } finally {
            l.close();
        }
    }

    @Test
    void weReachTheCloseAfterSendingToAnErlangPeerThatDoesNotRead() throws Exception {
        try (ErlangPeer erl = ErlangPeer.start("send_queue_peer.escript", "silent_server")) {
            int port = erl.port();
            AtomicReference<String> outcome = new AtomicReference<>();
            Proc.spawn(() -> {
                try {
                    TcpSocket s = GenTcp.connect("127.0.0.1", port,
                            List.of(binary(), active(false), sndbuf(16384)), 20_000);
                    s.send(new byte[MIB]);
                    outcome.set("sent");
                    s.setopts(List.of(linger(true, 0)));
                    s.close();
                    outcome.set("closed");
                } catch (InetException e) {
                    outcome.set("failed " + e);
                }
            });
            erl.expect("accepted");
            Eventually.until("the sender reaches the close", Duration.ofSeconds(20),
                    () -> outcome.get() != null && !outcome.get().equals("sent"));
            assertEquals("closed", outcome.get());
        }
    }
}
