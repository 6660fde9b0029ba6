package dev.otpnet.internal.tls;

import dev.otpnet.testing.Peers;

import dev.otpnet.testing.TestPki;

import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.CertificateSpec;
import dev.otpnet.ssl.Certificates;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.KeyFormat;
import dev.otpnet.ssl.KeyType;
import dev.otpnet.ssl.Pem;
import dev.otpnet.ssl.SslError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PemTest {
    static final Credential RSA = Certificates.issue(TestPki.CA, CertificateSpec.leaf("rsa.test").withKeyType(KeyType.RSA_2048));
    static final char[] PASSWORD = "s3cret".toCharArray();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void ecAndRsaKeysRoundTripThroughEveryFormat(KeyFormat format) throws Exception {
        for (Credential c : List.of(TestPki.SERVER, RSA)) {
            Path file = dir.resolve(format + "-" + c.key().getAlgorithm() + ".pem");
            Pem.writeKey(c.key(), file, format, PASSWORD);
            String text = Files.readString(file);
            String expectedHeader = switch (format) {
                case PKCS8 -> "-----BEGIN PRIVATE KEY-----";
                case PKCS8_ENCRYPTED -> "-----BEGIN ENCRYPTED PRIVATE KEY-----";
                case TRADITIONAL, TRADITIONAL_ENCRYPTED -> c.key().getAlgorithm().equals("RSA")
                        ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----";
            };
            assertTrue(text.startsWith(expectedHeader), text);
            if (format == KeyFormat.TRADITIONAL_ENCRYPTED) {
                assertTrue(text.contains("DEK-Info: AES-128-CBC"), text);
            }
            PrivateKey back = Pem.readKey(file, PASSWORD);
            assertEquals(secret(c.key()), secret(back));
            PemReader.checkPair(back, c.certificate(), file.toString());
        }
    }

    @Test
    void aChainRoundTripsInOrder() throws Exception {
        Credential intermediate = Certificates.issue(TestPki.CA, CertificateSpec.authority("intermediate"));
        Credential leaf = Certificates.issue(intermediate, CertificateSpec.leaf("deep.test"));
        Path file = dir.resolve("chain.pem");
        Pem.writeCertificates(leaf.chain(), file);
        List<X509Certificate> back = Pem.readCertificates(file);
        assertEquals(leaf.chain(), back);
        assertEquals(2, back.size());
    }

    @ParameterizedTest
    @EnumSource(value = KeyFormat.class, names = {"PKCS8_ENCRYPTED", "TRADITIONAL_ENCRYPTED"})
    void aWrongPasswordIsAnEkeyfileNamingTheFile(KeyFormat format) throws Exception {
        Path file = dir.resolve("enc.pem");
        Pem.writeKey(TestPki.SERVER.key(), file, format, PASSWORD);
        InetException e = assertThrows(InetException.class, () -> Pem.readKey(file, "wrong".toCharArray()));
        assertEquals(SslError.EKEYFILE, e.reason());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("wrong password"), e.getMessage());
        InetException none = assertThrows(InetException.class, () -> Pem.readKey(file, null));
        assertTrue(none.getMessage().contains("no password"), none.getMessage());
    }

    @Test
    void missingFilesAreReportedWithTheirRoleAndName() {
        Path missing = dir.resolve("nope.pem");
        InetException cert = assertThrows(InetException.class, () -> Pem.readCertificates(missing));
        assertEquals(new dev.otpnet.inet.Reason.Tagged("options", new dev.otpnet.ssl.OptionFileError("certfile", missing,
                dev.otpnet.inet.Posix.ENOENT)), cert.reason());
        assertTrue(cert.getMessage().contains("no such file: " + missing), cert.getMessage());
        InetException ca = assertThrows(InetException.class, () -> PemReader.certificates(missing, SslError.ECACERTFILE));
        assertEquals("{options,{cacertfile,\"" + missing + "\",{error,enoent}}}", ca.reason().toString());
        InetException key = assertThrows(InetException.class, () -> Pem.readKey(missing, null));
        assertEquals("{options,{keyfile,\"" + missing + "\",{error,enoent}}}", key.reason().toString());
    }

    @Test
    void aFileWithoutCertificatesOrKeysSaysSo() throws Exception {
        Path file = dir.resolve("empty.pem");
        Files.writeString(file, "not pem at all\n");
        assertTrue(assertThrows(InetException.class, () -> Pem.readCertificates(file)).getMessage().contains("no certificate"));
        assertTrue(assertThrows(InetException.class, () -> Pem.readKey(file, null)).getMessage().contains("no private key"));
    }

    @Test
    void aKeyOfAnotherCertificateIsAKeyMismatch() throws Exception {
        PemReader.checkPair(TestPki.SERVER.key(), TestPki.SERVER.certificate(), "server");
        InetException same = assertThrows(InetException.class,
                () -> PemReader.checkPair(TestPki.CLIENT.key(), TestPki.SERVER.certificate(), "certfile a.pem"));
        assertEquals(SslError.EKEYMISMATCH, same.reason());
        assertTrue(same.getMessage().contains("a.pem"), same.getMessage());
        InetException other = assertThrows(InetException.class,
                () -> PemReader.checkPair(RSA.key(), TestPki.SERVER.certificate(), "certfile b.pem"));
        assertEquals(SslError.EKEYMISMATCH, other.reason());
    }

    @Test
    void derKeysAreReadInTheThreeFormsErlangNames() throws Exception {
        byte[] pkcs8 = RSA.key().getEncoded();
        assertArrayEquals(pkcs8, PemReader.derKey("PrivateKeyInfo", pkcs8).getEncoded());
        var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pkcs8);
        byte[] pkcs1 = info.parsePrivateKey().toASN1Primitive().getEncoded();
        assertArrayEquals(pkcs8, PemReader.derKey("RSAPrivateKey", pkcs1).getEncoded());
        byte[] sec1 = PemReader.withCurveInside(TestPki.SERVER.key()).parsePrivateKey().toASN1Primitive().getEncoded();
        PrivateKey ec = PemReader.derKey("ECPrivateKey", sec1);
        PemReader.checkPair(ec, TestPki.SERVER.certificate(), "sec1");
        assertThrows(IllegalArgumentException.class, () -> PemReader.derKey("DSAKey", pkcs8));
        assertEquals(SslError.EKEYFILE, assertThrows(InetException.class, () -> PemReader.derKey("PrivateKeyInfo", new byte[] {1, 2})).reason());
    }

    @Test
    @Tag("interop")
    void keysEncryptedByTheOpensslCommandAreRead() throws Exception {
        Path openssl = Path.of(Peers.require("openssl", "openssl"));
        Path legacy = dir.resolve("legacy.pem");
        Path pbes2 = dir.resolve("pbes2.pem");
        run(openssl.toString(), "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", dir.resolve("plain.pem").toString());
        run(openssl.toString(), "rsa", "-in", dir.resolve("plain.pem").toString(), "-traditional", "-aes256", "-passout", "pass:s3cret", "-out", legacy.toString());
        run(openssl.toString(), "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", dir.resolve("plain.pem").toString(), "-passout", "pass:s3cret", "-out", pbes2.toString());
        assertTrue(Files.readString(legacy).contains("DEK-Info: AES-256-CBC"));
        PrivateKey plain = Pem.readKey(dir.resolve("plain.pem"), null);
        assertArrayEquals(plain.getEncoded(), Pem.readKey(legacy, PASSWORD).getEncoded());
        assertArrayEquals(plain.getEncoded(), Pem.readKey(pbes2, PASSWORD).getEncoded());
    }

    private static java.math.BigInteger secret(PrivateKey k) {
        return k instanceof java.security.interfaces.ECPrivateKey ec ? ec.getS()
                : ((java.security.interfaces.RSAPrivateKey) k).getPrivateExponent();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + "\n" + out);
    }
}
