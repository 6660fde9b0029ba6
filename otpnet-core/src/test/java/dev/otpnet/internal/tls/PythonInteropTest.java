package dev.otpnet.internal.tls;

import dev.otpnet.testing.PeerProcess;
import dev.otpnet.testing.OnEngine;
import dev.otpnet.ssl.SslOptions;
import dev.otpnet.testing.Peers;

import dev.otpnet.testing.TestPki;

import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.TlsAlert;
import dev.otpnet.ssl.TlsVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.otpnet.ssl.SslOptions.alpnPreferredProtocols;
import static dev.otpnet.ssl.SslOptions.cacertfile;
import static dev.otpnet.ssl.SslOptions.certfile;
import static dev.otpnet.ssl.SslOptions.failIfNoPeerCert;
import static dev.otpnet.ssl.SslOptions.keyfile;
import static dev.otpnet.ssl.SslOptions.verify;
import static dev.otpnet.ssl.VerifyType.VERIFY_PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Python's {@code ssl} module as a client of an otpnet server. */
@Tag("interop")
@Timeout(120)
class PythonInteropTest implements OnEngine {

    @TempDir
    static Path dir;
    static String python;
    static Path script;

    @BeforeAll
    static void files() throws Exception {
        python = Peers.require("python3", "python3");
        InteropFiles.write(dir);
        script = InteropFiles.script(dir, "tls_client.py");
    }

    TlsConfig server(String cert, SslOption... more) throws Exception {
        List<SslOption> all = new ArrayList<>(List.of(certfile(dir.resolve(cert + ".pem")), keyfile(dir.resolve(cert + ".key"))));
        all.addAll(List.of(more));
        return TlsConfig.server(withEngine(all));
    }

    private static String client(int port, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), String.valueOf(port), "--ca", "ca.pem"));
        cmd.addAll(List.of(args));
        try (PeerProcess p = PeerProcess.start(dir, cmd)) {
            return p.await(l -> l.startsWith("{"), "with the JSON result");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.3", "1.2"})
    void pythonTalksToAnOtpnetServerWithSniAndAlpn(String version) throws Exception {
        try (TlsEchoServer server = TlsEchoServer.start(server("server", alpnPreferredProtocols("h2", "http/1.1")), 1)) {
            String out = client(server.port(), "--version", version, "--alpn", "http/1.1", "--message", "hi there");
            assertTrue(out.contains("\"ok\": true") && out.contains("\"reply\": \"hi there\"") && out.contains("\"alpn\": \"http/1.1\""), out);
            TlsEchoServer.Session s = server.next();
            assertEquals(TlsVersion.parse("TLSv" + version).orElseThrow(), s.info().protocol());
            assertEquals("localhost", s.info().sniHostname());
            assertEquals("http/1.1", s.info().alpn());
            assertEquals(null, s.endError());
        }
    }

    @Test
    void pythonPresentsItsCertificateToAnOtpnetServerThatRequiresOne() throws Exception {
        TlsConfig config = server("server", verify(VERIFY_PEER), cacertfile(dir.resolve("ca.pem")), failIfNoPeerCert(true));
        try (TlsEchoServer server = TlsEchoServer.start(config, 1)) {
            String out = client(server.port(), "--cert", "client.pem", "--key", "client.key");
            assertTrue(out.contains("\"ok\": true"), out);
            assertEquals(TestPki.CLIENT.certificate(), server.next().info().peerCertificate().orElseThrow());
        }
    }

    @Test
    void pythonWithoutCertificateIsRefusedWithCertificateRequiredOnBothSides() throws Exception {
        TlsConfig config = server("server", verify(VERIFY_PEER), cacertfile(dir.resolve("ca.pem")), failIfNoPeerCert(true));
        try (TlsEchoServer server = TlsEchoServer.start(config, 1)) {
            String out = client(server.port(), "--version", "1.3");
            assertTrue(out.contains("CERTIFICATE_REQUIRED"), out);
            TlsAlert alert = assertInstanceOf(TlsAlert.class, server.next().handshakeError().reason());
            assertEquals(AlertDescription.CERTIFICATE_REQUIRED, alert.description());
        }
    }

    @Test
    void pythonRefusesAnExpiredCertificateAndTheOtpnetServerIsTold() throws Exception {
        try (TlsEchoServer server = TlsEchoServer.start(server("expired"), 1)) {
            String out = client(server.port());
            assertTrue(out.contains("\"ok\": false") && out.contains("expired"), out);
            TlsAlert alert = assertInstanceOf(TlsAlert.class, server.next().handshakeError().reason());
            assertEquals(AlertDescription.CERTIFICATE_EXPIRED, alert.description());
            assertTrue(alert.text().startsWith("TLS server: In state ") && alert.text().contains("received CLIENT ALERT"), alert.text());
        }
    }

    @Test
    void pythonRefusesAServerFromAnUnknownCaWithUnknownCa() throws Exception {
        try (TlsEchoServer server = TlsEchoServer.start(server("untrusted"), 1)) {
            String out = client(server.port());
            assertTrue(out.contains("CERTIFICATE_VERIFY_FAILED"), out);
            TlsAlert alert = assertInstanceOf(TlsAlert.class, server.next().handshakeError().reason());
            assertEquals(AlertDescription.UNKNOWN_CA, alert.description());
        }
    }

    @Test
    void aPythonClientThatDropsTheConnectionWithoutCloseNotifyIsReportedAsTruncation() throws Exception {
        try (TlsEchoServer server = TlsEchoServer.start(server("server"), 1)) {
            String out = client(server.port(), "--truncate", "--message", "cut short");
            assertTrue(out.contains("\"truncated\": true"), out);
            TlsEchoServer.Session s = server.next();
            assertEquals(TlsWire.TRUNCATED, s.endError().reason());
            assertTrue(s.truncated(), s.endError().getMessage());
            assertEquals("cut short", s.received());
        }
    }
}
