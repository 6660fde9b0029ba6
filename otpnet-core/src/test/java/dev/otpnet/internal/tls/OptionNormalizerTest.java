package dev.otpnet.internal.tls;

import dev.otpnet.testing.TestPki;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Reason;
import dev.otpnet.ssl.HandshakeMode;
import dev.otpnet.ssl.KeyFormat;
import dev.otpnet.ssl.Pem;
import dev.otpnet.ssl.SslError;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.SslOptions;
import dev.otpnet.ssl.TlsVersion;
import dev.otpnet.ssl.VerifyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.otpnet.ssl.SslOptions.certfile;
import static dev.otpnet.ssl.SslOptions.keyfile;
import static dev.otpnet.ssl.SslOptions.password;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionNormalizerTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aServerReadsItsCertificateAndEncryptedKeyFromFiles() throws Exception {
        Path cert = write("cert.pem", Pem.certificates(TestPki.SERVER.chain()));
        Path key = write("key.pem", Pem.key(TestPki.SERVER.key(), KeyFormat.PKCS8_ENCRYPTED, "pw".toCharArray()));
        TlsConfig c = TlsConfig.server(List.of(certfile(cert), keyfile(key), password("pw")));
        assertEquals(TestPki.SERVER.chain(), c.credential().chain());
        assertEquals(VerifyType.VERIFY_NONE, c.verify());
        assertEquals(List.of(TlsVersion.TLSV1_3, TlsVersion.TLSV1_2), c.versions());
        assertFalse(c.ciphers().isEmpty());
    }

    @Test
    void aServerRefusesClientInitiatedRenegotiationUnlessItIsAllowedByName() throws Exception {
        List<SslOption> credential = List.of(SslOptions.cert(TestPki.SERVER.certificate()), SslOptions.key(TestPki.SERVER.key()));
        assertFalse(TlsConfig.server(credential).clientRenegotiation());
        assertTrue(TlsConfig.server(List.of(credential.get(0), credential.get(1), SslOptions.clientRenegotiation(true)))
                .clientRenegotiation());
    }

    @Test
    void theKeyfileDefaultsToTheCertfile() throws Exception {
        Path both = write("both.pem", Pem.certificates(TestPki.SERVER.chain()) + Pem.key(TestPki.SERVER.key(), KeyFormat.TRADITIONAL, null));
        assertEquals(TestPki.SERVER.chain(), TlsConfig.server(List.of(certfile(both))).credential().chain());
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificateIsAKeyMismatchNamingBothFiles() throws Exception {
        Path cert = write("cert.pem", Pem.certificates(TestPki.SERVER.chain()));
        Path key = write("other.key", Pem.key(TestPki.CLIENT.key(), KeyFormat.PKCS8, null));
        InetException e = assertThrows(InetException.class, () -> TlsConfig.server(List.of(certfile(cert), keyfile(key))));
        assertEquals(SslError.EKEYMISMATCH, e.reason());
        assertTrue(e.getMessage().contains("other.key") && e.getMessage().contains("cert.pem"), e.getMessage());
    }

    @Test
    void unreadableFilesAreAnOptionsErrorNamingTheOptionTheFileAndThePosixError() {
        Path missing = dir.resolve("missing.pem");
        assertEquals("{options,{keyfile,\"" + missing + "\",{error,enoent}}}",
                assertThrows(InetException.class, () -> TlsConfig.server(List.of(certfile(missing)))).reason().toString());
        assertEquals("{options,{cacertfile,\"" + missing + "\",{error,enoent}}}", assertThrows(InetException.class,
                () -> TlsConfig.client(List.of(SslOptions.cacertfile(missing)))).reason().toString());
    }

    @Test
    void aServerWithoutACertificateIsEnoservercert() {
        assertEquals(SslError.ENOSERVERCERT, assertThrows(InetException.class, () -> TlsConfig.server(List.of())).reason());
    }

    @Test
    void contradictoryOptionsAreAnOptionsError() {
        InetException e = assertThrows(InetException.class, () -> TlsConfig.server(List.of(
                SslOptions.cert(TestPki.SERVER.certificate()), SslOptions.key(TestPki.SERVER.key()), SslOptions.failIfNoPeerCert(true))));
        Reason.Tagged options = assertInstanceOf(Reason.Tagged.class, e.reason());
        assertEquals("{options,{incompatible,[{verify,verify_none},{fail_if_no_peer_cert,true}]}}", options.toString());
        assertEquals(SslError.ENOSERVERCERT, SslError.valueOf("ENOSERVERCERT"));
    }

    @Test
    void optionsJsseCannotHonourAreRefusedSayingWhy() {
        List<SslOption> base = List.of(SslOptions.cert(TestPki.SERVER.certificate()), SslOptions.key(TestPki.SERVER.key()));
        for (SslOption o : List.of(SslOptions.reuseSession((id, peer, comp, suite) -> true), SslOptions.secureRenegotiate(false),
                SslOptions.dh(new byte[] {48, 0}), SslOptions.dhfile(dir.resolve("dh.pem")))) {
            List<SslOption> all = new java.util.ArrayList<>(base);
            all.add(o);
            String m = assertThrows(IllegalArgumentException.class, () -> TlsConfig.server(all)).getMessage();
            assertTrue(m.contains("is not supported"), m);
        }
        String m = assertThrows(IllegalArgumentException.class,
                () -> TlsConfig.client(List.of(SslOptions.handshake(HandshakeMode.HELLO)))).getMessage();
        assertTrue(m.contains("servers only"), m);
    }

    @Test
    void aClientVerifiesByDefaultAgainstTheJdksTrustAnchors() throws Exception {
        TlsConfig c = TlsConfig.client(List.of());
        assertEquals(VerifyType.VERIFY_PEER, c.verify());
        assertFalse(c.trustAnchors().isEmpty());
        assertEquals(TlsConfig.SNI_AUTO, c.sni());
    }

    @Test
    void laterOptionsOverrideEarlierOnes() throws Exception {
        TlsConfig c = TlsConfig.client(List.of(SslOptions.verify(VerifyType.VERIFY_PEER), SslOptions.verify(VerifyType.VERIFY_NONE),
                SslOptions.versions("tlsv1.2"), SslOptions.versions("tlsv1.3")));
        assertEquals(VerifyType.VERIFY_NONE, c.verify());
        assertEquals(List.of(TlsVersion.TLSV1_3), c.versions());
        TlsConfig more = c.with(List.of(SslOptions.versions("tlsv1.2", "tlsv1.3")));
        assertEquals(List.of(TlsVersion.TLSV1_3, TlsVersion.TLSV1_2), more.versions());
    }
}
