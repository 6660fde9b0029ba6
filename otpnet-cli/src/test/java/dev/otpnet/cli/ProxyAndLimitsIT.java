package dev.otpnet.cli;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.packet.PacketType;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.ssl.Pem;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslOptions;
import dev.otpnet.ssl.SslSocket;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpSocket;
import dev.otpnet.testing.Eventually;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code bin/otpnet echo --tls --proxy-protocol --max-connections 1 --packet line}: the PROXY
 * header read before the TLS handshake (v1 and v2), a bad header refused without losing the one
 * permit, the connection limit held, and a second signal that exits at once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyAndLimitsIT {
    static final long PATIENCE_MS = 20_000;

    @TempDir
    static Path home;

    static Otpnet server;
    static int port;

    @BeforeAll
    static void start() {
        server = Otpnet.start(home, "echo", "--tls", "--port", "0", "--proxy-protocol", "--max-connections", "1",
                "--packet", "line", "--handshake-timeout", "10000");
        port = server.awaitListening();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            System.out.println("the server's stderr:\n" + String.join("\n", server.stderr())); // for the report
        }
    }

    /** TCP, the PROXY header, then TLS over the same connection, as a proxy in front would do it. */
    static SslSocket behindProxy(byte[] header) throws Exception {
        TcpSocket tcp = GenTcp.connect("127.0.0.1", port, List.of(binary(), active(false)), PATIENCE_MS);
        tcp.send(header);
        return Ssl.connect(tcp, List.of(SslOptions.cacerts(Pem.readCertificates(home.resolve(".otpnet/ca.pem"))),
                SslOptions.serverNameIndication("localhost"), binary(), packet(PacketType.LINE), active(false)), PATIENCE_MS);
    }

    static byte[] v1(String line) {
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    @Order(1)
    void aProxyV1HeaderNamesTheRealClientInTheLog() throws Exception {
        try (SslSocket c = behindProxy(v1("PROXY TCP4 203.0.113.7 127.0.0.1 5555 7000\r\n"))) {
            c.send("line one\n");
            assertEquals(Bytes.latin1("line one\n"), c.recv(0, PATIENCE_MS));
        }
        server.awaitLog("connection 203.0.113.7:5555 (via proxy 127.0.0.1:");
    }

    @Test
    @Order(2)
    void aProxyV2HeaderWithTlvsNamesTheRealClientInTheLog() throws Exception {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        h.write(0x21); // version 2, PROXY
        h.write(0x11); // TCP over IPv4
        byte[] tlv = {0x04, 0x00, 0x03, 'a', 'b', 'c'}; // PP2_TYPE_NOOP, length 3
        h.write(ByteBuffer.allocate(2).putShort((short) (12 + tlv.length)).array());
        h.write(new byte[] {(byte) 198, 51, 100, 2, 127, 0, 0, 1});
        h.write(ByteBuffer.allocate(4).putShort((short) 4242).putShort((short) 7000).array());
        h.write(tlv);
        try (SslSocket c = behindProxy(h.toByteArray())) {
            c.send("line two\n");
            assertEquals(Bytes.latin1("line two\n"), c.recv(0, PATIENCE_MS));
        }
        server.awaitLog("connection 198.51.100.2:4242 (via proxy 127.0.0.1:");
    }

    @Test
    @Order(3)
    void aBadHeaderIsRefusedAndItsPermitComesBack() throws Exception {
        try (TcpSocket raw = GenTcp.connect("127.0.0.1", port, List.of(binary(), active(false)), PATIENCE_MS)) {
            raw.send("GET / HTTP/1.1\r\n\r\n");
            InetException e = assertThrows(InetException.class, () -> raw.recv(0, PATIENCE_MS));
            assertEquals(InetError.CLOSED, e.reason());
        }
        server.awaitLog(java.util.regex.Pattern.compile(
                ".*INFO listener: listener otpnet_echo: connection from 127\\.0\\.0\\.1:\\d+ closed in proxy_header: .+"));
        // max-connections is 1: this is served only if the refused connection gave its permit back
        try (SslSocket c = behindProxy(v1("PROXY UNKNOWN\r\n"))) {
            c.send("after the bad one\n");
            assertEquals(Bytes.latin1("after the bad one\n"), c.recv(0, PATIENCE_MS));
        }
    }

    @Test
    @Order(4)
    void theConnectionLimitHoldsASecondClientUntilTheFirstLeaves() throws Exception {
        SslSocket first = behindProxy(v1("PROXY TCP4 192.0.2.1 127.0.0.1 1001 7000\r\n"));
        first.send("first\n");
        assertEquals(Bytes.latin1("first\n"), first.recv(0, PATIENCE_MS));
        // the kernel accepts the second connection into the backlog, but no acceptor takes it, so
        // its TLS handshake waits
        Pid me = Proc.self();
        CompletableFuture<SslSocket> second = CompletableFuture.supplyAsync(() -> {
            try {
                SslSocket s = behindProxy(v1("PROXY TCP4 192.0.2.2 127.0.0.1 1002 7000\r\n"));
                s.controllingProcess(me); // this thread's process ends with the task; the socket must not
                return s;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, Executors.newVirtualThreadPerTaskExecutor());
        for (int i = 0; i < 5; i++) { // five round trips of the first while the second waits
            first.send("still first\n");
            assertEquals(Bytes.latin1("still first\n"), first.recv(0, PATIENCE_MS));
        }
        assertFalse(second.isDone(), "the second client was served while the first held the only permit");
        first.close();
        // now the second is accepted: its TLS handshake completes and it is served
        try (SslSocket s = second.get(PATIENCE_MS, TimeUnit.MILLISECONDS)) {
            s.send("second\n");
            assertEquals(Bytes.latin1("second\n"), s.recv(0, PATIENCE_MS));
        }
        server.awaitLog("connection 192.0.2.2:1002 (via proxy");
    }

    @Test
    @Order(5)
    void aSecondSignalExitsAtOnceWithoutWaitingForTheDrain() throws Exception {
        try (SslSocket idle = behindProxy(v1("PROXY TCP4 192.0.2.9 127.0.0.1 1009 7000\r\n"))) {
            idle.send("here\n");
            assertEquals(Bytes.latin1("here\n"), idle.recv(0, PATIENCE_MS)); // it is live
            server.signal("TERM");
            server.awaitLog("SIGTERM: stopping; 1 live connection(s) may finish within 10 s");
            server.signal("INT");
            assertEquals(128 + 2, server.awaitExit(), String.join("\n", server.stderr()));
            server.awaitLog("SIGINT again: exiting now, cutting 1 connection(s)");
            Eventually.until("the idle client sees its connection close", () -> {
                try {
                    idle.recv(0, 100);
                    return false;
                } catch (InetException e) {
                    return e.reason() != InetError.TIMEOUT;
                }
            });
        }
    }
}
