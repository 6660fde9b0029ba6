package dev.otpnet.ssl;

import dev.otpnet.inet.InetException;
import dev.otpnet.internal.tls.BouncyCastle;
import dev.otpnet.internal.tls.PemReader;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * PEM files, as Erlang's {@code certfile}, {@code keyfile} and {@code cacertfile} options read
 * them: certificate chains and private keys (PKCS#1, SEC1, PKCS#8, encrypted with PBES2 or the
 * old OpenSSL {@code DEK-Info} way). Reading fails with an {@link InetException} whose reason is
 * the ssl atom for the file's role and whose message names the file.
 */
public final class Pem {
    private Pem() {
    }

    /** The certificates in a PEM file; fails with {@code ecertfile}. */
    public static List<X509Certificate> readCertificates(Path file) throws InetException {
        return PemReader.certificates(file, SslError.ECERTFILE);
    }

    /** The private key in a PEM file; {@code password} may be {@code null}; fails with {@code ekeyfile}. */
    public static PrivateKey readKey(Path file, char[] password) throws InetException {
        return PemReader.key(file, password);
    }

    /** The certificates as PEM text. */
    public static String certificates(List<X509Certificate> certs) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (X509Certificate c : certs) {
                w.writeObject(c);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing PEM to memory failed", e);
        }
        return out.toString();
    }

    /** The key as PEM text; {@code password} is required for the encrypted formats. */
    public static String key(PrivateKey key, KeyFormat format, char[] password) {
        try {
            PemObjectGenerator gen = switch (format) {
                case PKCS8 -> new JcaPKCS8Generator(key, null);
                case TRADITIONAL -> new JcaMiscPEMGenerator(traditional(key));
                case PKCS8_ENCRYPTED -> new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(
                        JcaPKCS8Generator.AES_256_CBC).setProvider(BouncyCastle.provider())
                        .setPassword(required(password)).build());
                case TRADITIONAL_ENCRYPTED -> new JcaMiscPEMGenerator(traditional(key),
                        new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BouncyCastle.provider())
                                .build(required(password)));
            };
            StringWriter out = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(out)) {
                w.writeObject(gen);
            }
            return out.toString();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot write the key as " + format, e);
        }
    }

    /** Writes the credential's chain to {@code certFile} and its key (PKCS#8, unencrypted) to {@code keyFile}. */
    public static void write(Credential credential, Path certFile, Path keyFile) throws IOException {
        writeCertificates(credential.chain(), certFile);
        writeKey(credential.key(), keyFile, KeyFormat.PKCS8, null);
    }

    public static void writeCertificates(List<X509Certificate> certs, Path file) throws IOException {
        Files.writeString(file, certificates(certs), StandardCharsets.US_ASCII);
    }

    public static void writeKey(PrivateKey key, Path file, KeyFormat format, char[] password) throws IOException {
        Files.writeString(file, key(key, format, password), StandardCharsets.US_ASCII);
    }

    private static Object traditional(PrivateKey key) throws IOException {
        return key.getAlgorithm().equals("EC") ? PemReader.withCurveInside(key) : key;
    }

    private static char[] required(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("an encrypted key format needs a non-empty password");
        }
        return password;
    }
}
