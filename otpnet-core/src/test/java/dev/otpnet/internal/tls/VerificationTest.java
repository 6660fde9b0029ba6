package dev.otpnet.internal.tls;

import dev.otpnet.testing.TestPki;

import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.BadCert;
import dev.otpnet.ssl.CertificateSpec;
import dev.otpnet.ssl.Certificates;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.TlsAlert;
import dev.otpnet.ssl.VerifyEvent;
import dev.otpnet.ssl.VerifyFun;
import dev.otpnet.ssl.VerifyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.otpnet.ssl.SslOptions.cacerts;
import static dev.otpnet.ssl.SslOptions.cert;
import static dev.otpnet.ssl.SslOptions.depth;
import static dev.otpnet.ssl.SslOptions.failIfNoPeerCert;
import static dev.otpnet.ssl.SslOptions.key;
import static dev.otpnet.ssl.SslOptions.serverNameIndication;
import static dev.otpnet.ssl.SslOptions.verify;
import static dev.otpnet.ssl.SslOptions.verifyFun;
import static dev.otpnet.ssl.SslOptions.versions;
import static dev.otpnet.ssl.VerifyType.VERIFY_NONE;
import static dev.otpnet.ssl.VerifyType.VERIFY_PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class VerificationTest {
    static final Credential EXPIRED = Certificates.issue(TestPki.CA, CertificateSpec.leaf("localhost")
            .withValidity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))));
    static final Credential CN_ONLY = Certificates.issue(TestPki.CA, CertificateSpec.leaf("localhost").withoutSubjectAltNames());
    static final Credential SELF_SIGNED = Certificates.selfSigned(CertificateSpec.leaf("localhost"));
    static final Credential INTERMEDIATE = Certificates.issue(TestPki.CA, CertificateSpec.authority("intermediate"));
    static final Credential DEEP = Certificates.issue(INTERMEDIATE, CertificateSpec.leaf("localhost"));

    static List<SslOption> serving(Credential c, SslOption... more) {
        List<SslOption> out = new ArrayList<>(List.of(cert(c.chain().toArray(java.security.cert.X509Certificate[]::new)), key(c.key())));
        out.addAll(List.of(more));
        return out;
    }

    static List<SslOption> trusting(SslOption... more) {
        List<SslOption> out = new ArrayList<>(List.of(verify(VERIFY_PEER), cacerts(TestPki.anchors())));
        out.addAll(List.of(more));
        return out;
    }

    static TlsAlert alert(Object reason) {
        return assertInstanceOf(TlsAlert.class, reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.3", "tlsv1.2"})
    void aClientVerifiesTheServerAndItsNameByDefault(String version) throws Exception {
        try (var r = Handshakes.run(trusting(versions(version)), "localhost", serving(TestPki.SERVER))) {
            assertTrue(r.connected(), () -> r.clientReason() + " / " + r.serverReason());
            assertEquals("localhost", r.server().connectionInformation().sniHostname());
        }
    }

    @Test
    void anIpAddressIsCheckedAgainstTheIpEntriesAndNotSentAsSni() throws Exception {
        try (var r = Handshakes.run(trusting(), "127.0.0.1", serving(TestPki.SERVER))) {
            assertTrue(r.connected(), () -> String.valueOf(r.clientReason()));
            assertNull(r.server().connectionInformation().sniHostname());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.3", "tlsv1.2"})
    void anUnknownCaIsRefusedWithUnknownCaOnBothSides(String version) throws Exception {
        List<SslOption> client = List.of(verify(VERIFY_PEER), cacerts(List.of(TestPki.OTHER_CA.certificate())), versions(version));
        try (var r = Handshakes.run(client, "localhost", serving(TestPki.SERVER))) {
            TlsAlert mine = alert(r.clientReason());
            assertEquals(AlertDescription.UNKNOWN_CA, mine.description());
            assertEquals("TLS client: In state certify at PeerVerifier generated CLIENT ALERT: Fatal - Unknown CA\n", mine.text());
            // TLS 1.2 sends the alert in the clear, and otpnet makes it the one Erlang sends; in TLS
            // 1.3 it is encrypted inside the engine, which says certificate_unknown (a JSSE limit)
            TlsAlert theirs = alert(r.serverReason());
            assertEquals(version.equals("tlsv1.2") ? AlertDescription.UNKNOWN_CA : AlertDescription.CERTIFICATE_UNKNOWN,
                    theirs.description(), theirs.text());
            assertTrue(theirs.text().contains("received CLIENT ALERT: Fatal - "), theirs.text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.3", "tlsv1.2"})
    void aServerRefusesAClientCertificateFromAnUnknownCaWithUnknownCa(String version) throws Exception {
        Credential stranger = Certificates.issue(TestPki.OTHER_CA, CertificateSpec.leaf("client.test").withUsages(false, true));
        List<SslOption> server = serving(TestPki.SERVER, verify(VERIFY_PEER), cacerts(TestPki.anchors()), failIfNoPeerCert(true));
        try (var r = Handshakes.run(trusting(versions(version), cert(stranger.certificate()), key(stranger.key())),
                "localhost", server)) {
            TlsAlert mine = alert(r.serverReason());
            assertEquals("TLS server: In state certify at PeerVerifier generated SERVER ALERT: Fatal - Unknown CA\n", mine.text());
            // as above: the JDK's server says certificate_unknown for every refused client certificate
            TlsAlert theirs = alert(r.clientReason());
            assertEquals(version.equals("tlsv1.2") ? AlertDescription.UNKNOWN_CA : AlertDescription.CERTIFICATE_UNKNOWN,
                    theirs.description(), theirs.text());
        }
    }

    @Test
    void anExpiredCertificateIsRefusedWithCertificateExpired() throws Exception {
        try (var r = Handshakes.run(trusting(), "localhost", serving(EXPIRED))) {
            assertEquals(AlertDescription.CERTIFICATE_EXPIRED, alert(r.clientReason()).description());
            assertEquals(AlertDescription.CERTIFICATE_EXPIRED, alert(r.serverReason()).description());
        }
    }

    @Test
    void aWrongHostNameFailsTheHostnameCheckWithErlangsDetail() throws Exception {
        try (var r = Handshakes.run(trusting(serverNameIndication("other.example")), "localhost", serving(TestPki.SERVER))) {
            TlsAlert mine = alert(r.clientReason());
            assertEquals(AlertDescription.HANDSHAKE_FAILURE, mine.description());
            assertTrue(mine.text().endsWith("Fatal - Handshake Failure\n {bad_cert,hostname_check_failed}"), mine.text());
            assertInstanceOf(TlsAlert.class, r.serverReason());
        }
    }

    @Test
    void aWrongHostNameOnTls12SendsTheServerHandshakeFailureAsErlangDoes() throws Exception {
        try (var r = Handshakes.run(trusting(versions("tlsv1.2"), serverNameIndication("other.example")), "localhost",
                serving(TestPki.SERVER))) {
            assertEquals(AlertDescription.HANDSHAKE_FAILURE, alert(r.serverReason()).description());
        }
    }

    @Test
    void aCertificateWithOnlyACommonNameFailsTheHostnameCheck() throws Exception {
        try (var r = Handshakes.run(trusting(), "localhost", serving(CN_ONLY))) {
            assertTrue(alert(r.clientReason()).text().contains("hostname_check_failed"));
        }
    }

    @Test
    void aSelfSignedServerIsABadCertificate() throws Exception {
        try (var r = Handshakes.run(trusting(), "localhost", serving(SELF_SIGNED))) {
            assertEquals(AlertDescription.BAD_CERTIFICATE, alert(r.clientReason()).description());
        }
    }

    @Test
    void verifyNoneAcceptsAnUntrustedServer() throws Exception {
        try (var r = Handshakes.run(List.of(verify(VERIFY_NONE)), "localhost", serving(SELF_SIGNED))) {
            assertTrue(r.connected(), () -> String.valueOf(r.clientReason()));
        }
    }

    @Test
    void aVerifyFunSeesErlangsEventsInOrderAndMayAcceptAnUnknownCa() throws Exception {
        List<String> seen = new ArrayList<>();
        VerifyFun<Integer> fun = (c, event, calls) -> {
            seen.add(c.getSubjectX500Principal().getName().replaceAll(".*CN=([^,]*).*", "$1") + " " + event);
            return switch (event) {
                case VerifyEvent.BadCertEvent(BadCert reason) when reason == BadCert.UNKNOWN_CA -> VerifyResult.valid(calls + 1);
                case VerifyEvent.BadCertEvent bad -> VerifyResult.fail(bad);
                case VerifyEvent.Extension ext -> VerifyResult.unknown(calls + 1);
                default -> VerifyResult.valid(calls + 1);
            };
        };
        List<SslOption> client = List.of(verify(VERIFY_PEER), cacerts(List.of(TestPki.OTHER_CA.certificate())), verifyFun(fun, 0));
        try (var r = Handshakes.run(client, "localhost", serving(DEEP.withChainOf(TestPki.CA)))) {
            assertTrue(r.connected(), () -> String.valueOf(r.clientReason()));
        }
        assertEquals(List.of("otpnet test CA {bad_cert,unknown_ca}", "intermediate valid", "localhost valid_peer"), seen);
    }

    @Test
    void aVerifyFunFailureGivesHandshakeFailureWithItsReason() throws Exception {
        VerifyFun<Object> fun = (c, event, s) -> event == VerifyEvent.VALID_PEER ? VerifyResult.fail("{not_my_server}") : VerifyResult.valid(s);
        try (var r = Handshakes.run(trusting(verifyFun(fun, null)), "localhost", serving(TestPki.SERVER))) {
            TlsAlert mine = alert(r.clientReason());
            assertEquals(AlertDescription.HANDSHAKE_FAILURE, mine.description());
            assertTrue(mine.text().endsWith("\n {not_my_server}"), mine.text());
        }
    }

    @Test
    void depthLimitsTheIntermediatesBetweenPeerAndAnchor() throws Exception {
        try (var ok = Handshakes.run(trusting(depth(1)), "localhost", serving(DEEP))) {
            assertTrue(ok.connected(), () -> String.valueOf(ok.clientReason()));
        }
        try (var r = Handshakes.run(trusting(depth(0)), "localhost", serving(DEEP))) {
            assertTrue(alert(r.clientReason()).text().contains("{bad_cert,max_path_length_reached}"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.3", "tlsv1.2"})
    void mutualTlsShowsEachSideTheOthersCertificate(String version) throws Exception {
        List<SslOption> server = serving(TestPki.SERVER, verify(VERIFY_PEER), cacerts(TestPki.anchors()), failIfNoPeerCert(true));
        List<SslOption> client = trusting(versions(version), cert(TestPki.CLIENT.certificate()), key(TestPki.CLIENT.key()));
        try (var r = Handshakes.run(client, "localhost", server)) {
            assertTrue(r.connected(), () -> r.clientReason() + " / " + r.serverReason());
            assertEquals(TestPki.CLIENT.certificate(), r.server().connectionInformation().peerCertificate().orElseThrow());
            assertEquals(TestPki.SERVER.certificate(), r.client().connectionInformation().peerCertificate().orElseThrow());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.3", "tlsv1.2"})
    void aClientWithoutCertificateFailsWhenTheServerRequiresOne(String version) throws Exception {
        List<SslOption> server = serving(TestPki.SERVER, verify(VERIFY_PEER), cacerts(TestPki.anchors()), failIfNoPeerCert(true));
        try (var r = Handshakes.run(trusting(versions(version)), "localhost", server)) {
            TlsAlert theirs = alert(r.serverReason());
            assertTrue(theirs.text().startsWith("TLS server:") && theirs.text().contains("generated SERVER ALERT"), theirs.text());
            TlsAlert mine = alert(r.clientReason());
            assertTrue(mine.text().contains("received SERVER ALERT"), mine.text());
            assertEquals(theirs.description(), mine.description());
        }
    }

    @Test
    void aServerThatAsksButDoesNotRequireAcceptsAClientWithoutCertificate() throws Exception {
        List<SslOption> server = serving(TestPki.SERVER, verify(VERIFY_PEER), cacerts(TestPki.anchors()));
        try (var r = Handshakes.run(trusting(), "localhost", server)) {
            assertTrue(r.connected(), () -> String.valueOf(r.serverReason()));
            assertTrue(r.server().connectionInformation().peerCertificates().isEmpty());
        }
    }

    @Test
    void aClientCertificateMeantForServersIsRefused() throws Exception {
        Credential serverOnly = Certificates.issue(TestPki.CA, CertificateSpec.leaf("client.test").withUsages(true, false));
        List<SslOption> server = serving(TestPki.SERVER, verify(VERIFY_PEER), cacerts(TestPki.anchors()), failIfNoPeerCert(true));
        try (var r = Handshakes.run(trusting(cert(serverOnly.certificate()), key(serverOnly.key())), "localhost", server)) {
            assertTrue(alert(r.serverReason()).text().contains("{bad_cert,invalid_ext_key_usage}"), String.valueOf(r.serverReason()));
        }
    }

}
