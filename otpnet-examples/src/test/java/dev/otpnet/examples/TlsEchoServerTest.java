package dev.otpnet.examples;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.ssl.SslOptions.cacerts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.process.Proc;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.Pem;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslListenSocket;
import dev.otpnet.ssl.SslSocket;
import dev.otpnet.ssl.TlsAlert;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsEchoServerTest {
    static final Credential SERVER = TlsEchoServer.selfSigned();
    static final long PATIENCE_MS = 10_000;

    SslListenSocket listener;

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    @AfterEach
    void stopAccepting() {
        if (listener != null) {
            listener.close();
        }
    }

    private int start(int packetType) throws InetException {
        listener = TlsEchoServer.start(0, TlsEchoServer.options(SERVER), packetType);
        return listener.port();
    }

    private static SslSocket client(int port, int packetType) throws InetException {
        return Ssl.connect("localhost", port, List.of(cacerts(List.of(SERVER.certificate())), binary(),
                packet(packetType), active(false)), PATIENCE_MS);
    }

    @Test
    void framedPacketsComeBackWholeFromTheTlsEchoServer() throws Exception {
        int port = start(4);
        byte[] big = new byte[200_000];
        Arrays.fill(big, (byte) 'x');
        try (SslSocket c = client(port, 4)) {
            for (Bytes m : List.of(Bytes.latin1("hello"), Bytes.latin1(""), Bytes.wrap(big))) {
                c.send(m);
                assertEquals(m, c.recv(0, PATIENCE_MS));
            }
        }
    }

    @Test
    void anIdleClientDoesNotHoldUpTheNextOneBecauseEachHasItsOwnHandler() throws Exception {
        int port = start(4);
        try (SslSocket idle = client(port, 4); SslSocket busy = client(port, 4)) {
            busy.send("served while the first client says nothing");
            assertEquals(Bytes.latin1("served while the first client says nothing"), busy.recv(0, PATIENCE_MS));
            idle.send("and then the first");
            assertEquals(Bytes.latin1("and then the first"), idle.recv(0, PATIENCE_MS));
        }
    }

    @Test
    void aClientThatFailsItsHandshakeDoesNotStopTheServer() throws Exception {
        int port = start(4);
        try (TcpSocket plain = GenTcp.connect("127.0.0.1", port, List.of(binary(), active(false)), PATIENCE_MS)) {
            plain.send("GET / HTTP/1.0\r\n\r\n");
            Bytes answer = (Bytes) plain.recv(0, PATIENCE_MS); // the handshake_failure alert, then the close
            assertEquals(21, answer.toArray()[0], "a TLS alert record");
        }
        try (SslSocket c = client(port, 4)) {
            c.send("still here");
            assertEquals(Bytes.latin1("still here"), c.recv(0, PATIENCE_MS));
        }
    }

    @Test
    void withoutFramingTheBytesComeBackAsTheyWereSent() throws Exception {
        int port = start(0);
        try (SslSocket c = client(port, 0)) {
            c.send("no length header");
            assertEquals(Bytes.latin1("no length header"), c.recv(16, PATIENCE_MS));
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        int port = start(4);
        Credential stranger = TlsEchoServer.selfSigned();
        InetException e = assertThrows(InetException.class, () -> Ssl.connect("localhost", port,
                List.of(cacerts(List.of(stranger.certificate())), packet(4)), PATIENCE_MS));
        assertInstanceOf(TlsAlert.class, e.reason());
    }

    @Test
    @Tag("interop")
    void pythonsSslModuleEchoesFramedPacketsThroughTheTlsEchoServer(@TempDir Path dir) throws Exception {
        String python = Peers.require("python3", "python3");
        int port = start(4);
        Path ca = dir.resolve("server.pem");
        Pem.writeCertificates(List.of(SERVER.certificate()), ca);
        Path script = dir.resolve("framed_client.py");
        Files.writeString(script, PYTHON_CLIENT);
        Path out = dir.resolve("out.txt");
        ProcessBuilder b = new ProcessBuilder(python, script.toString(), String.valueOf(port), ca.toString(), "hello", "", "wörld")
                .redirectErrorStream(true).redirectOutput(out.toFile());
        b.environment().put("PYTHONIOENCODING", "utf-8");
        Process p = b.start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("python did not finish in 30 s; output:\n" + read(out));
            }
        } finally {
            p.destroyForcibly();
        }
        assertEquals(List.of("hello TLSv1.3", " TLSv1.3", "wörld TLSv1.3"), Files.readAllLines(out, StandardCharsets.UTF_8),
                read(out));
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** Sends each argument as a {packet,4} frame, prints each echo and the TLS version. */
    private static final String PYTHON_CLIENT = """
            import socket, ssl, struct, sys

            def exactly(s, n):
                data = b""
                while len(data) < n:
                    chunk = s.recv(n - len(data))
                    if not chunk:
                        raise EOFError("closed after %d of %d bytes" % (len(data), n))
                    data += chunk
                return data

            port, ca = int(sys.argv[1]), sys.argv[2]
            ctx = ssl.create_default_context(cafile=ca)
            ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN  # trust exactly this self-signed certificate
            with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
                with ctx.wrap_socket(raw, server_hostname="localhost") as s:
                    for message in sys.argv[3:]:
                        body = message.encode("utf-8")
                        s.sendall(struct.pack(">I", len(body)) + body)
                        (n,) = struct.unpack(">I", exactly(s, 4))
                        print(exactly(s, n).decode("utf-8"), s.version(), flush=True)
            """;
}
