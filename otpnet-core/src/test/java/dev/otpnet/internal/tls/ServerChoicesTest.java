package dev.otpnet.internal.tls;

import dev.otpnet.testing.TestPki;

import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.CertificateSpec;
import dev.otpnet.ssl.Certificates;
import dev.otpnet.ssl.ClientHello;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.HandshakeMode;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.TlsAlert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import static dev.otpnet.ssl.SslOptions.alpnAdvertisedProtocols;
import static dev.otpnet.ssl.SslOptions.alpnPreferredProtocols;
import static dev.otpnet.ssl.SslOptions.cacerts;
import static dev.otpnet.ssl.SslOptions.cert;
import static dev.otpnet.ssl.SslOptions.handshake;
import static dev.otpnet.ssl.SslOptions.key;
import static dev.otpnet.ssl.SslOptions.reuseSessions;
import static dev.otpnet.ssl.SslOptions.sniFun;
import static dev.otpnet.ssl.SslOptions.sniHosts;
import static dev.otpnet.ssl.SslOptions.verify;
import static dev.otpnet.ssl.VerifyType.VERIFY_PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a server decides from the client's hello: certificate by SNI, ALPN, pausing, resumption. */
@Timeout(60)
class ServerChoicesTest {
    static final Credential A = Certificates.issue(TestPki.CA, CertificateSpec.leaf("a.test"));
    static final Credential B = Certificates.issue(TestPki.CA, CertificateSpec.leaf("b.test"));

    static List<SslOption> as(Credential c) {
        return List.of(cert(c.certificate()), key(c.key()));
    }

    static List<SslOption> client(SslOption... more) {
        List<SslOption> out = new java.util.ArrayList<>(List.of(verify(VERIFY_PEER), cacerts(TestPki.anchors())));
        out.addAll(List.of(more));
        return out;
    }

    @Test
    void sniHostsPicksTheCertificateForTheNameTheClientAsked() throws Exception {
        List<SslOption> server = List.of(sniHosts(Map.of("a.test", as(A), "b.test", as(B))));
        for (Credential c : List.of(A, B)) {
            String host = c == A ? "a.test" : "b.test";
            try (var r = Handshakes.run(client(), host, server)) {
                assertTrue(r.connected(), () -> String.valueOf(r.clientReason()));
                assertEquals(c.certificate(), r.client().connectionInformation().peerCertificate().orElseThrow());
            }
        }
    }

    @Test
    void sniFunGivesOptionsForANameAndTheDefaultsOtherwise() throws Exception {
        List<SslOption> server = new java.util.ArrayList<>(as(TestPki.SERVER));
        server.add(sniFun(name -> name.equals("b.test") ? as(B) : List.of()));
        try (var r = Handshakes.run(client(), "b.test", server)) {
            assertEquals(B.certificate(), r.client().connectionInformation().peerCertificate().orElseThrow());
        }
        try (var r = Handshakes.run(client(), "localhost", server)) {
            assertEquals(TestPki.SERVER.certificate(), r.client().connectionInformation().peerCertificate().orElseThrow());
        }
    }

    @Test
    void alpnAgreesOnTheServersPreferenceAmongWhatTheClientOffers() throws Exception {
        List<SslOption> server = new java.util.ArrayList<>(as(TestPki.SERVER));
        server.add(alpnPreferredProtocols("h2", "http/1.1"));
        try (var r = Handshakes.run(client(alpnAdvertisedProtocols("http/1.1", "h2")), "localhost", server)) {
            assertEquals("h2", r.client().connectionInformation().alpn());
            assertEquals("h2", r.server().connectionInformation().alpn());
        }
    }

    @Test
    void alpnWithoutACommonProtocolEndsWithNoApplicationProtocol() throws Exception {
        List<SslOption> server = new java.util.ArrayList<>(as(TestPki.SERVER));
        server.add(alpnPreferredProtocols("h2"));
        try (var r = Handshakes.run(client(alpnAdvertisedProtocols("x-other")), "localhost", server)) {
            assertEquals(AlertDescription.NO_APPLICATION_PROTOCOL, assertInstanceOf(TlsAlert.class, r.clientReason()).description());
            assertEquals(AlertDescription.NO_APPLICATION_PROTOCOL, assertInstanceOf(TlsAlert.class, r.serverReason()).description());
        }
    }

    @Test
    void aPausedHandshakeContinuesWithTheOptionsAddedForItsHello() throws Exception {
        TlsConfig server = TlsConfig.server(List.of(handshake(HandshakeMode.HELLO), cert(TestPki.SERVER.certificate()), key(TestPki.SERVER.key())));
        try (Loopback.Pair pair = Loopback.pair()) {
            TlsWire s = TlsWire.server(pair.server(), server);
            TlsWire c = TlsWire.client(pair.client(), TlsConfig.client(client(alpnAdvertisedProtocols("h2"))), "localhost", 1);
            Future<?> clientSide = Io.THREADS.submit(() -> {
                c.handshake(10_000);
                return null;
            });
            ClientHello hello = s.handshake(10_000).orElseThrow();
            assertEquals(List.of("h2"), hello.alpnProtocols());
            s.handshakeContinue(List.of(alpnPreferredProtocols(hello.alpnProtocols().getFirst())), 10_000);
            clientSide.get();
            assertEquals("h2", s.connectionInformation().alpn());
            c.close();
            s.close();
        }
    }

    @Test
    void aNameWithoutCertificateIsRefusedWithHandshakeFailure() throws Exception {
        List<SslOption> server = List.of(sniHosts(Map.of("a.test", as(A))));
        try (var r = Handshakes.run(client(), "unknown.test", server)) {
            assertEquals(dev.otpnet.ssl.SslError.ENOSERVERCERT, r.serverReason());
            TlsAlert mine = assertInstanceOf(TlsAlert.class, r.clientReason());
            assertEquals(AlertDescription.HANDSHAKE_FAILURE, mine.description());
            assertTrue(mine.text().contains("received SERVER ALERT"), mine.text());
        }
    }

    @Test
    void aServerWithoutReuseSessionsNeverResumes() throws Exception {
        TlsConfig clientConfig = TlsConfig.client(client());
        List<SslOption> server = new java.util.ArrayList<>(as(TestPki.SERVER));
        server.add(reuseSessions(false));
        TlsConfig serverConfig = TlsConfig.server(server);
        for (int i = 0; i < 2; i++) {
            try (var r = Handshakes.run(clientConfig, "localhost", serverConfig)) {
                assertTrue(r.connected());
                assertFalse(r.client().connectionInformation().resumed());
            }
        }
        TlsConfig resuming = TlsConfig.server(as(TestPki.SERVER));
        try (var first = Handshakes.run(clientConfig, "localhost", resuming)) {
            assertTrue(first.connected());
        }
        try (var second = Handshakes.run(clientConfig, "localhost", resuming)) {
            assertTrue(second.client().connectionInformation().resumed());
        }
    }

}
