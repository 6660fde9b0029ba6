package dev.otpnet.internal.tls;

import dev.otpnet.testing.PeerProcess;
import dev.otpnet.testing.OnEngine;
import dev.otpnet.ssl.SslOptions;
import dev.otpnet.testing.Peers;

import dev.otpnet.testing.TestPki;

import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.ConnectionInfo;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.TlsAlert;
import dev.otpnet.ssl.TlsVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.otpnet.ssl.SslOptions.alpnAdvertisedProtocols;
import static dev.otpnet.ssl.SslOptions.cacertfile;
import static dev.otpnet.ssl.SslOptions.certfile;
import static dev.otpnet.ssl.SslOptions.clientRenegotiation;
import static dev.otpnet.ssl.SslOptions.failIfNoPeerCert;
import static dev.otpnet.ssl.SslOptions.keyfile;
import static dev.otpnet.ssl.SslOptions.serverNameIndication;
import static dev.otpnet.ssl.SslOptions.verify;
import static dev.otpnet.ssl.VerifyType.VERIFY_PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** otpnet's TLS against OpenSSL's {@code s_server} and {@code s_client}. */
@Tag("interop")
@Timeout(120)
class OpensslInteropTest implements OnEngine {

    @TempDir
    static Path dir;
    static String openssl;

    @BeforeAll
    static void files() throws Exception {
        openssl = Peers.require("openssl", "openssl");
        InteropFiles.write(dir);
    }

    // ---- otpnet client, s_server --------------------------------------------------------

    static PeerProcess sServer(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(openssl, "s_server", "-accept", "127.0.0.1:0", "-naccept", "1", "-rev"));
        cmd.addAll(List.of(args));
        return PeerProcess.start(dir, cmd);
    }

    static int port(PeerProcess p) {
        String line = p.await(l -> l.startsWith("ACCEPT"), "ACCEPT host:port");
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
    }

    TlsWire connect(int port, String host, SslOption... options) throws Exception {
        List<SslOption> all = new ArrayList<>(List.of(verify(VERIFY_PEER), cacertfile(dir.resolve("ca.pem"))));
        all.addAll(List.of(options));
        TlsWire c = TlsWire.client(Loopback.connect(port), TlsConfig.client(withEngine(all)), host, port);
        c.handshake(10_000);
        return c;
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void anOtpnetClientTalksToOpensslServer(String version) throws Exception {
        try (PeerProcess s = sServer("-cert", "server.pem", "-key", "server.key", version)) {
            TlsWire c = connect(port(s), "localhost");
            Io.write(c, "hello\n");
            assertEquals("olleh\n", Io.readString(c, 6));
            ConnectionInfo info = c.connectionInformation();
            assertEquals(version.equals("-tls1_3") ? TlsVersion.TLSV1_3 : TlsVersion.TLSV1_2, info.protocol());
            s.awaitContaining("Protocol version: " + info.protocol().jsseName());
            c.close();
            s.awaitExit();
        }
    }

    @Test
    void anOtpnetClientPresentsItsCertificateToAnOpensslServerThatRequiresOne() throws Exception {
        try (PeerProcess s = sServer("-cert", "server.pem", "-key", "server.key", "-Verify", "2", "-CAfile", "ca.pem",
                "-verify_return_error")) {
            TlsWire c = connect(port(s), "localhost", certfile(dir.resolve("client.pem")), keyfile(dir.resolve("client.key")));
            Io.write(c, "mtls\n");
            assertEquals("sltm\n", Io.readString(c, 5));
            s.awaitContaining("client.test");
            c.close();
        }
    }

    @Test
    void anOtpnetClientGetsTheCertificateForTheNameItSends() throws Exception {
        try (PeerProcess s = sServer("-cert", "server.pem", "-key", "server.key", "-servername", "b.test", "-cert2", "b.pem",
                "-key2", "b.key")) {
            TlsWire c = connect(port(s), "b.test");
            ConnectionInfo info = c.connectionInformation();
            assertEquals(InteropFiles.B.certificate(), info.peerCertificate().orElseThrow());
            assertEquals("b.test", info.sniHostname());
            c.close();
        }
    }

    @Test
    void anOtpnetClientAgreesOnAnApplicationProtocolWithOpenssl() throws Exception {
        try (PeerProcess s = sServer("-cert", "server.pem", "-key", "server.key", "-alpn", "h2,http/1.1")) {
            TlsWire c = connect(port(s), "localhost", alpnAdvertisedProtocols("x-none", "http/1.1"));
            assertEquals("http/1.1", c.connectionInformation().alpn());
            c.close();
        }
    }

    @Test
    void anOtpnetClientRefusesAnExpiredServerCertificateAndOpensslIsTold() throws Exception {
        try (PeerProcess s = sServer("-cert", "expired.pem", "-key", "expired.key")) {
            InetException e = assertThrows(InetException.class, () -> connect(port(s), "localhost"));
            assertEquals(AlertDescription.CERTIFICATE_EXPIRED, assertInstanceOf(TlsAlert.class, e.reason()).description());
            s.awaitContaining("certificate expired");
        }
    }

    /**
     * A verify fun's own refusal is handshake_failure for the owner, as in Erlang, and on the
     * wire where the alert travels in the clear (TLS 1.2, before ChangeCipherSpec). On TLS 1.3
     * the alert is encrypted, so only the JDK's engine can write it, and it picks it from the
     * trust manager's exception: certificate_expired, bad_certificate, unsupported_certificate or
     * certificate_revoked for the matching CertPathValidatorException reasons, certificate_unknown
     * for anything else (sun.security.ssl.CertificateMessage#getCertificateAlert). Erlang's
     * handshake_failure and unknown_ca are not among them.
     */
    @ParameterizedTest
    @CsvSource({"-tls1_2, handshake failure", "-tls1_3, certificate unknown"})
    void aVerifyFunRefusalIsHandshakeFailureAndOnTls13TheWireSaysCertificateUnknown(String version, String wire)
            throws Exception {
        dev.otpnet.ssl.VerifyFun<Object> refuse = (cert, event, state) -> event == dev.otpnet.ssl.VerifyEvent.VALID_PEER
                ? dev.otpnet.ssl.VerifyResult.fail("not_this_one") : dev.otpnet.ssl.VerifyResult.valid(state);
        try (PeerProcess s = sServer("-cert", "server.pem", "-key", "server.key", version)) {
            InetException e = assertThrows(InetException.class,
                    () -> connect(port(s), "localhost", dev.otpnet.ssl.SslOptions.verifyFun(refuse, null)));
            TlsAlert a = assertInstanceOf(TlsAlert.class, e.reason());
            assertEquals(AlertDescription.HANDSHAKE_FAILURE, a.description());
            assertTrue(a.text().contains("not_this_one"), a.text());
            s.awaitContaining(wire);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_2", "-tls1_3"})
    void aVerifyFunRefusingWithAnExpiryIsCertificateExpiredOnTheWireInBothVersions(String version) throws Exception {
        dev.otpnet.ssl.VerifyFun<Object> refuse = (cert, event, state) -> event == dev.otpnet.ssl.VerifyEvent.VALID_PEER
                ? dev.otpnet.ssl.VerifyResult.fail(dev.otpnet.ssl.VerifyEvent.badCert(dev.otpnet.ssl.BadCert.CERT_EXPIRED))
                : dev.otpnet.ssl.VerifyResult.valid(state);
        try (PeerProcess s = sServer("-cert", "server.pem", "-key", "server.key", version)) {
            InetException e = assertThrows(InetException.class,
                    () -> connect(port(s), "localhost", dev.otpnet.ssl.SslOptions.verifyFun(refuse, null)));
            assertEquals(AlertDescription.CERTIFICATE_EXPIRED, assertInstanceOf(TlsAlert.class, e.reason()).description());
            s.awaitContaining("certificate expired");
        }
    }

    @Test
    void anOtpnetClientRefusesAServerFromAnUnknownCa() throws Exception {
        try (PeerProcess s = sServer("-cert", "untrusted.pem", "-key", "untrusted.key")) {
            InetException e = assertThrows(InetException.class, () -> connect(port(s), "localhost"));
            assertEquals(AlertDescription.UNKNOWN_CA, assertInstanceOf(TlsAlert.class, e.reason()).description());
            s.await(l -> l.contains("alert") || l.contains("ERROR"), "reporting the client's alert");
        }
    }

    @Test
    void anOtpnetClientRefusesAServerWhoseCertificateIsForAnotherName() throws Exception {
        try (PeerProcess s = sServer("-cert", "server.pem", "-key", "server.key")) {
            InetException e = assertThrows(InetException.class,
                    () -> connect(port(s), "localhost", serverNameIndication("elsewhere.example")));
            assertTrue(assertInstanceOf(TlsAlert.class, e.reason()).text().contains("{bad_cert,hostname_check_failed}"));
        }
    }

    @Test
    void renegotiationAndKeyUpdatesStartedByAnOtpnetClientKeepOpensslTalking() throws Exception {
        try (PeerProcess s = sServer("-cert", "server.pem", "-key", "server.key", "-tls1_3")) {
            TlsWire c = connect(port(s), "localhost");
            for (int i = 0; i < 3; i++) {
                c.updateKeys();
                Io.write(c, "k" + i + "\n");
                assertEquals(i + "k\n", Io.readString(c, 3));
            }
            c.close();
        }
        try (PeerProcess s = sServer("-cert", "server.pem", "-key", "server.key", "-tls1_2", "-client_renegotiation")) {
            TlsWire c = connect(port(s), "localhost");
            c.renegotiate(10_000);
            Io.write(c, "again\n");
            assertEquals("niaga\n", Io.readString(c, 6));
            c.close();
        }
    }

    @Test
    void anOpensslServerThatRefusesRenegotiationGivesRenegotiationRejected() throws Exception {
        try (PeerProcess s = sServer("-cert", "server.pem", "-key", "server.key", "-tls1_2")) {
            TlsWire c = connect(port(s), "localhost");
            InetException e = assertThrows(InetException.class, () -> c.renegotiate(10_000));
            assertEquals(dev.otpnet.ssl.SslError.RENEGOTIATION_REJECTED, e.reason());
        }
    }

    // ---- otpnet server, s_client --------------------------------------------------------

    TlsConfig serverConfig(SslOption... more) throws Exception {
        List<SslOption> all = new ArrayList<>(List.of(certfile(dir.resolve("server.pem")), keyfile(dir.resolve("server.key"))));
        all.addAll(List.of(more));
        return TlsConfig.server(withEngine(all));
    }

    static PeerProcess sClient(int port, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-CAfile", "ca.pem", "-verify_return_error"));
        cmd.addAll(List.of(args));
        return PeerProcess.start(dir, cmd);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void opensslClientTalksToAnOtpnetServer(String version) throws Exception {
        try (TlsEchoServer server = TlsEchoServer.start(serverConfig(), 1);
             PeerProcess c = sClient(server.port(), version, "-ign_eof")) {
            c.send("hello QUIT");
            c.awaitContaining("hello QUIT");
            c.awaitExit();
            TlsEchoServer.Session s = server.next();
            assertEquals(version.equals("-tls1_3") ? TlsVersion.TLSV1_3 : TlsVersion.TLSV1_2, s.info().protocol());
            assertEquals("localhost", s.info().sniHostname());
            assertTrue(c.output().contains("Verify return code: 0 (ok)"), c.output());
        }
    }

    /**
     * A client that sends its Finished and leaves at once (stdin already at its end: s_client
     * sends close_notify right after the handshake) completed the handshake, as Erlang's ssl sees
     * it; the Finished and the close_notify often arrive in one read.
     */
    @ParameterizedTest
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void aClientThatLeavesRightAfterItsFinishedCompletedTheHandshake(String version) throws Exception {
        int clients = 8;
        try (TlsEchoServer server = TlsEchoServer.start(serverConfig(), clients)) {
            for (int i = 0; i < clients; i++) {
                try (PeerProcess c = sClient(server.port(), version)) {
                    c.closeInput();
                    c.awaitExit();
                }
            }
            for (int i = 0; i < clients; i++) {
                TlsEchoServer.Session s = server.next();
                assertEquals(null, s.handshakeError(), "client " + i);
                assertEquals(version.equals("-tls1_3") ? TlsVersion.TLSV1_3 : TlsVersion.TLSV1_2, s.info().protocol());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void opensslResumesItsSessionWithAnOtpnetServer(String version) throws Exception {
        Path session = dir.resolve("session" + version + ".pem");
        try (TlsEchoServer server = TlsEchoServer.start(serverConfig(), 2)) {
            try (PeerProcess first = sClient(server.port(), version, "-ign_eof", "-sess_out", session.toString())) {
                first.send("one QUIT");
                first.awaitContaining("one QUIT");
                assertTrue(first.awaitExit().contains("New, "), first.output());
            }
            assertFalse(server.next().info().resumed());
            try (PeerProcess second = sClient(server.port(), version, "-ign_eof", "-sess_in", session.toString())) {
                second.send("two QUIT");
                second.awaitContaining("two QUIT");
                assertTrue(second.awaitExit().contains("Reused, "), second.output());
            }
            assertTrue(server.next().info().resumed());
        }
    }

    @Test
    void opensslRenegotiatesWithAnOtpnetServerThatAllowsItOnTls12() throws Exception {
        try (TlsEchoServer server = TlsEchoServer.start(serverConfig(clientRenegotiation(true)), 1);
             PeerProcess c = sClient(server.port(), "-tls1_2")) {
            c.send("before");
            c.awaitContaining("before");
            c.send("R");
            c.awaitContaining("RENEGOTIATING");
            c.send("after QUIT");
            c.awaitContaining("after QUIT");
            c.closeInput();
            c.awaitExit();
            assertTrue(server.next().received().contains("after QUIT"));
        }
    }

    @Test
    void anOtpnetServerRefusesOpensslsRenegotiationWithAFatalHandshakeFailureByDefault() throws Exception {
        try (TlsEchoServer server = TlsEchoServer.start(serverConfig(), 1);
             PeerProcess c = sClient(server.port(), "-tls1_2")) {
            c.send("before");
            c.awaitContaining("before");
            c.send("R");
            TlsEchoServer.Session s = server.next();
            assertEquals(AlertDescription.NO_RENEGOTIATION, assertInstanceOf(TlsAlert.class, s.endError().reason()).description());
            // An error, not a clean close: what testssl's client-renegotiation check relies on;
            // handshake_failure, as the JDK's own refusal says (no misleading protocol_version).
            c.awaitContaining("alert handshake failure");
            c.closeInput();
            c.awaitExit();
        }
    }

    @Test
    void opensslKeyUpdatesKeepAnOtpnetServerTalking() throws Exception {
        try (TlsEchoServer server = TlsEchoServer.start(serverConfig(), 1);
             PeerProcess c = sClient(server.port(), "-tls1_3")) {
            c.send("before");
            c.awaitContaining("before");
            c.send("k");
            c.awaitContaining("KEYUPDATE");
            c.send("between");
            c.awaitContaining("between");
            c.send("K");
            c.awaitOccurrences("KEYUPDATE", 2);
            c.send("after QUIT");
            c.awaitContaining("after QUIT");
            c.closeInput();
            c.awaitExit();
            assertTrue(server.next().received().contains("after QUIT"));
        }
    }

    @Test
    void anOpensslClientWithoutCertificateIsRefusedByAnOtpnetServerThatRequiresOne() throws Exception {
        TlsConfig config = serverConfig(verify(VERIFY_PEER), cacertfile(dir.resolve("ca.pem")), failIfNoPeerCert(true));
        try (TlsEchoServer server = TlsEchoServer.start(config, 1);
             PeerProcess c = sClient(server.port(), "-tls1_3")) {
            TlsEchoServer.Session s = server.next();
            TlsAlert alert = assertInstanceOf(TlsAlert.class, s.handshakeError().reason());
            assertEquals(AlertDescription.CERTIFICATE_REQUIRED, alert.description());
            c.awaitContaining("certificate required");
        }
    }

    @Test
    void anOpensslClientWithACertificateIsSeenByAnOtpnetServer() throws Exception {
        TlsConfig config = serverConfig(verify(VERIFY_PEER), cacertfile(dir.resolve("ca.pem")), failIfNoPeerCert(true));
        try (TlsEchoServer server = TlsEchoServer.start(config, 1);
             PeerProcess c = sClient(server.port(), "-ign_eof", "-cert", "client.pem", "-key", "client.key")) {
            c.send("me QUIT");
            c.awaitContaining("me QUIT");
            c.awaitExit();
            assertEquals(TestPki.CLIENT.certificate(), server.next().info().peerCertificate().orElseThrow());
        }
    }
}
