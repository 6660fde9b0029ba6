package dev.otpnet.internal.tls;

import dev.otpnet.ssl.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates with weak algorithms for the algorithm floor's tests, under one RSA-2048 root
 * ({@code weak-ca.pem}). OpenSSL makes most of them ({@code weak_pki.sh}); the DSA chains are
 * made here with BouncyCastle, since OpenSSL 3 refuses to make a 512-bit DSA key.
 */
final class WeakPki {
    private static final SecureRandom RANDOM = new SecureRandom();

    private WeakPki() {
    }

    /** Writes every {@code NAME.pem}/{@code NAME.key} (and {@code NAME-int.pem} for chains) into {@code dir}. */
    static void write(Path dir, String openssl) throws Exception {
        Path script = InteropFiles.script(dir, "weak_pki.sh");
        Process p = new ProcessBuilder("sh", script.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.contains("made")) {
            throw new IllegalStateException("weak_pki.sh failed: " + out);
        }
        X509Certificate root = Pem.readCertificates(dir.resolve("weak-ca.pem")).getFirst();
        PrivateKey rootKey = Pem.readKey(dir.resolve("weak-ca.key"), null);
        dsaChain(dir, "chain-dsa512", 512, root, rootKey);
        dsaChain(dir, "chain-dsa1024", 1024, root, rootKey);
        dsaLeaf(dir, "leaf-dsa512", 512, root, rootKey);
    }

    /** A leaf for localhost with a DSA key of {@code bits}, signed by the root. */
    private static void dsaLeaf(Path dir, String name, int bits, X509Certificate root, PrivateKey rootKey) throws Exception {
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(bits, RANDOM);
        KeyPair keys = dsa.generateKeyPair();
        X509Certificate leaf = leaf(X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), keys,
                new JcaContentSignerBuilder("SHA256withRSA").build(rootKey));
        Pem.writeCertificates(List.of(leaf), dir.resolve(name + ".pem"));
        Pem.writeKey(keys.getPrivate(), dir.resolve(name + ".key"), dev.otpnet.ssl.KeyFormat.PKCS8, null);
    }

    private static X509Certificate leaf(X500Name issuer, KeyPair keys, org.bouncycastle.operator.ContentSigner signer)
            throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder lb = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name("O=otpnet,CN=localhost"), keys.getPublic());
        lb.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        lb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        lb.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        lb.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        return new JcaX509CertificateConverter().getCertificate(lb.build(signer));
    }

    /** An intermediate with a DSA key of {@code bits}, signing an EC P-256 leaf for localhost. */
    private static void dsaChain(Path dir, String name, int bits, X509Certificate root, PrivateKey rootKey) throws Exception {
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(bits, RANDOM);
        KeyPair intKeys = dsa.generateKeyPair();
        X500Name rootName = X500Name.getInstance(root.getSubjectX500Principal().getEncoded());
        X500Name intName = new X500Name("O=otpnet,CN=weak intermediate " + name);
        Instant now = Instant.now();
        Date from = Date.from(now.minus(Duration.ofMinutes(5)));
        Date to = Date.from(now.plus(Duration.ofDays(30)));
        JcaX509v3CertificateBuilder ib = new JcaX509v3CertificateBuilder(rootName, new BigInteger(64, RANDOM), from, to,
                intName, intKeys.getPublic());
        ib.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ib.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate intermediate = new JcaX509CertificateConverter().getCertificate(
                ib.build(new JcaContentSignerBuilder("SHA256withRSA").build(rootKey)));
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        KeyPair leafKeys = ec.generateKeyPair();
        X509Certificate leaf = leaf(intName, leafKeys, new JcaContentSignerBuilder("SHA256withDSA").build(intKeys.getPrivate()));
        Pem.writeCertificates(List.of(leaf), dir.resolve(name + ".pem"));
        Pem.writeCertificates(List.of(intermediate), dir.resolve(name + "-int.pem"));
        Pem.writeKey(leafKeys.getPrivate(), dir.resolve(name + ".key"), dev.otpnet.ssl.KeyFormat.PKCS8, null);
    }
}
