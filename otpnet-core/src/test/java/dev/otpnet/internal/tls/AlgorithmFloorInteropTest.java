package dev.otpnet.internal.tls;

import dev.otpnet.testing.PeerProcess;
import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.TlsAlert;
import dev.otpnet.ssl.VerifyEvent;
import dev.otpnet.ssl.VerifyFun;
import dev.otpnet.ssl.VerifyResult;
import dev.otpnet.testing.Peers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.otpnet.ssl.SslOptions.cacertfile;
import static dev.otpnet.ssl.SslOptions.certfile;
import static dev.otpnet.ssl.SslOptions.failIfNoPeerCert;
import static dev.otpnet.ssl.SslOptions.keyfile;
import static dev.otpnet.ssl.SslOptions.verify;
import static dev.otpnet.ssl.SslOptions.verifyFun;
import static dev.otpnet.ssl.VerifyType.VERIFY_PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDK's algorithm constraints as a floor under otpnet's own path validation, against
 * OpenSSL presenting the certificates. What is refused is what JDK 25's {@code java.security}
 * disables: {@code jdk.certpath.disabledAlgorithms = MD2, MD5, SHA1 jdkCA & usage TLSServer,
 * RSA keySize < 1024, DSA keySize < 1024, EC keySize < 224, ...}; so MD5, RSA 512, DSA 512 and
 * an EC key on P-192 are refused, while SHA-1 under a CA of our own (not the JDK's), RSA 1024 and
 * DSA 1024 pass, as they pass a JDK {@code SSLSocket}; and {@code jdk.tls.disabledAlgorithms}
 * with TLS 1.3's signature schemes refuses a DSA signature on TLS 1.3. OpenSSL runs at security level 0 so that
 * it presents them at all.
 */
@Tag("interop")
@Timeout(120)
class AlgorithmFloorInteropTest {
    private static final String WEAK_OK = "DEFAULT:@SECLEVEL=0";
    @TempDir
    static Path dir;
    static String openssl;

    @BeforeAll
    static void files() throws Exception {
        openssl = Peers.require("openssl", "openssl");
        WeakPki.write(dir, openssl);
    }

    // ---- otpnet client, s_server presenting ---------------------------------------------

    /** OpenSSL's arguments presenting {@code name}: its certificate, key and intermediate. */
    private static List<String> presenting(String name) {
        List<String> args = new ArrayList<>(List.of("-cert", name + ".pem", "-key", name + ".key", "-cipher", WEAK_OK));
        if (name.startsWith("chain-")) {
            args.addAll(List.of("-cert_chain", name + "-int.pem"));
        }
        return args;
    }

    private static PeerProcess sServer(String name, String version) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(openssl, "s_server", "-accept", "127.0.0.1:0", "-naccept", "1", "-rev", version));
        cmd.addAll(presenting(name));
        return PeerProcess.start(dir, cmd);
    }

    private static PeerProcess sClient(int port, String name, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + port, "-CAfile", "ca.pem"));
        cmd.addAll(presenting(name));
        cmd.addAll(List.of(more));
        return PeerProcess.start(dir, cmd);
    }

    private static int port(PeerProcess p) {
        String line = p.await(l -> l.startsWith("ACCEPT"), "ACCEPT host:port");
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
    }

    private static TlsWire connect(int port, SslOption... more) throws Exception {
        List<SslOption> all = new ArrayList<>(List.of(verify(VERIFY_PEER), cacertfile(dir.resolve("weak-ca.pem"))));
        all.addAll(List.of(more));
        TlsWire c = TlsWire.client(Loopback.connect(port), TlsConfig.client(all), "localhost", port);
        c.handshake(10_000);
        return c;
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({
        // (An MD5-signed leaf is tested on the server side: OpenSSL will not present one to a
        // client whose signature_algorithms_cert leaves MD5 out, as the JDK's does.)
        "leaf-rsa512, -tls1_2, UNSUPPORTED_CERTIFICATE, unsupported certificate",
        "chain-md5, -tls1_2, UNSUPPORTED_CERTIFICATE, unsupported certificate",
        "chain-md5, -tls1_3, BAD_CERTIFICATE, bad certificate",
        "chain-rsa512, -tls1_3, UNSUPPORTED_CERTIFICATE, unsupported certificate",
        "chain-dsa512, -tls1_2, UNSUPPORTED_CERTIFICATE, unsupported certificate",
        "chain-p192, -tls1_3, UNSUPPORTED_CERTIFICATE, unsupported certificate",
        // DSA 1024 passes the certpath constraints, but TLS 1.3 has no DSA signature scheme:
        // the JDK's TLS constraints refuse it there (and accept it on TLS 1.2, below).
        "chain-dsa1024, -tls1_3, UNSUPPORTED_CERTIFICATE, unsupported certificate",
    })
    void anOtpnetClientRefusesWhatTheJdkDisables(String name, String version, AlertDescription alert, String words)
            throws Exception {
        try (PeerProcess s = sServer(name, version)) {
            InetException e = assertThrows(InetException.class, () -> connect(port(s)));
            TlsAlert a = assertInstanceOf(TlsAlert.class, e.reason());
            assertEquals(alert, a.description(), a.text());
            assertTrue(a.text().contains("{bad_cert,{algorithm_constrained,"), a.text());
            s.awaitContaining(words);
        }
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({
        "good, -tls1_3", "good, -tls1_2",
        "leaf-sha1, -tls1_2", "chain-sha1, -tls1_3",
        "leaf-rsa1024, -tls1_2", "chain-rsa1024, -tls1_3",
        "chain-dsa1024, -tls1_2",
    })
    void anOtpnetClientAcceptsWhatTheJdkAccepts(String name, String version) throws Exception {
        try (PeerProcess s = sServer(name, version)) {
            TlsWire c = connect(port(s));
            Io.write(c, "abc\n");
            assertEquals("cba\n", Io.readString(c, 4));
            c.close();
        }
    }

    @Test
    void aVerifyFunThatAcceptsEverythingCannotLiftTheFloorAndStillSeesItsEventsOnGoodChains() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        VerifyFun<Object> acceptAll = (cert, event, state) -> {
            events.add(event.toString());
            return VerifyResult.valid(state);
        };
        try (PeerProcess s = sServer("chain-rsa512", "-tls1_2")) {
            InetException e = assertThrows(InetException.class, () -> connect(port(s), verifyFun(acceptAll, null)));
            assertEquals(AlertDescription.UNSUPPORTED_CERTIFICATE, assertInstanceOf(TlsAlert.class, e.reason()).description());
        }
        // the floor refuses before the fun is asked anything
        assertEquals(List.of(), events);
        try (PeerProcess s = sServer("chain-rsa1024", "-tls1_2")) {
            connect(port(s), verifyFun(acceptAll, null)).close();
        }
        assertEquals(List.of(VerifyEvent.VALID.toString(), VerifyEvent.VALID_PEER.toString()), events);
    }

    // ---- otpnet server, s_client presenting ---------------------------------------------

    private static TlsConfig serverRequiringCertificates() throws Exception {
        InteropFiles.write(dir);
        return TlsConfig.server(List.of(certfile(dir.resolve("server.pem")), keyfile(dir.resolve("server.key")),
                verify(VERIFY_PEER), cacertfile(dir.resolve("weak-ca.pem")), failIfNoPeerCert(true)));
    }

    @ParameterizedTest(name = "client certificate {0} over {1}")
    @CsvSource({
        "leaf-md5, -tls1_2, UNSUPPORTED_CERTIFICATE, unsupported certificate",
        "leaf-p192, -tls1_2, UNSUPPORTED_CERTIFICATE, unsupported certificate",
        "leaf-dsa512, -tls1_2, UNSUPPORTED_CERTIFICATE, unsupported certificate",
        "chain-rsa512, -tls1_2, UNSUPPORTED_CERTIFICATE, unsupported certificate",
        "chain-dsa512, -tls1_2, UNSUPPORTED_CERTIFICATE, unsupported certificate",
        // TLS 1.3: the alert is encrypted and the JDK's server sends certificate_unknown for
        // every refused client certificate; the owner still gets the floor's reason.
        // (bad_certificate for an MD5 signature in TLS 1.3, RFC 8446 4.4.2.4, as the JDK's client says.)
        "chain-md5, -tls1_3, BAD_CERTIFICATE, certificate unknown",
    })
    void anOtpnetServerRefusesClientCertificatesTheJdkDisables(String name, String version, AlertDescription alert,
                                                               String words) throws Exception {
        try (TlsEchoServer server = TlsEchoServer.start(serverRequiringCertificates(), 1);
             PeerProcess c = sClient(server.port(), name, version)) {
            TlsEchoServer.Session s = server.next();
            InetException e = s.handshakeError() != null ? s.handshakeError() : s.endError();
            TlsAlert a = assertInstanceOf(TlsAlert.class, e.reason(), String.valueOf(e));
            assertEquals(alert, a.description(), a.text());
            assertTrue(a.text().contains("{bad_cert,{algorithm_constrained,"), a.text());
            c.awaitContaining(words);
        }
    }

    @Test
    void anOtpnetServerAcceptsAGoodClientChain() throws Exception {
        try (TlsEchoServer server = TlsEchoServer.start(serverRequiringCertificates(), 1);
             PeerProcess c = sClient(server.port(), "chain-rsa1024", "-ign_eof")) {
            c.send("ok QUIT");
            c.awaitContaining("ok QUIT");
            c.awaitExit();
            TlsEchoServer.Session s = server.next();
            assertEquals(null, s.handshakeError());
        }
    }
}
