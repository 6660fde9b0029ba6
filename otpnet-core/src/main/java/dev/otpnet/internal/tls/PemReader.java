package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.ssl.OptionFileError;
import dev.otpnet.ssl.SslError;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads certificates and private keys from PEM files and DER blobs with BouncyCastle: certificate
 * chains, PKCS#1 RSA keys, SEC1 EC keys, PKCS#8 keys, PKCS#8 keys encrypted with PBES2 and
 * traditional keys encrypted the old OpenSSL way ({@code DEK-Info}).
 *
 * <p>Every failure is an {@link InetException}: a file that cannot be read at all has Erlang's
 * {@code {options,{certfile,File,{error,enoent}}}} ({@link OptionFileError}); one that holds no
 * usable certificate or key has the ssl atom for the file's role ({@code ecertfile},
 * {@code ecacertfile}, {@code ekeyfile}, {@code ekeymismatch}) and a message naming the file and
 * what was wrong with it. Stateless.
 */
public final class PemReader {
    private PemReader() {
    }

    /** The certificates in {@code file}, in file order; {@code role} is ecertfile or ecacertfile. */
    public static List<X509Certificate> certificates(Path file, SslError role) throws InetException {
        String text = read(file, role);
        List<X509Certificate> out = new ArrayList<>();
        try (PEMParser p = new PEMParser(new StringReader(text))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(converter.getCertificate(h));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new InetException(role, file + " is not a valid PEM certificate file: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new InetException(role, "no certificate (-----BEGIN CERTIFICATE-----) in " + file, null);
        }
        return out;
    }

    /** The private key in {@code file}, decrypted with {@code password} when it is encrypted. */
    public static PrivateKey key(Path file, char[] password) throws InetException {
        String text = read(file, SslError.EKEYFILE);
        try (Reader r = new StringReader(text); PEMParser p = new PEMParser(r)) {
            Object o;
            while ((o = p.readObject()) != null) {
                PrivateKey k = keyOf(o, password, file);
                if (k != null) {
                    return k;
                }
            }
        } catch (InetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InetException(SslError.EKEYFILE, file + " is not a valid PEM key file: " + e.getMessage(), e);
        }
        throw new InetException(SslError.EKEYFILE, "no private key in " + file, null);
    }

    private static PrivateKey keyOf(Object o, char[] password, Path file) throws InetException, IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKeyInfo info = switch (o) {
            case PEMKeyPair kp -> kp.getPrivateKeyInfo();
            case PrivateKeyInfo plain -> plain;
            case PKCS8EncryptedPrivateKeyInfo enc -> decrypt(file, () -> enc.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.provider())
                            .build(need(password, file))));
            case PEMEncryptedKeyPair enc -> decrypt(file, () -> enc.decryptKeyPair(
                    new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.provider())
                            .build(need(password, file))).getPrivateKeyInfo());
            default -> null;
        };
        return info == null ? null : converter.getPrivateKey(info);
    }

    private interface Decryption {
        PrivateKeyInfo run() throws IOException, PKCSException, OperatorCreationException;
    }

    private static PrivateKeyInfo decrypt(Path file, Decryption d) throws InetException {
        try {
            return d.run();
        } catch (InetException e) {
            throw e;
        } catch (IOException | PKCSException | OperatorCreationException | RuntimeException e) {
            throw new InetException(SslError.EKEYFILE, "cannot decrypt the key in " + file
                    + ": wrong password (" + e.getMessage() + ")", e);
        }
    }

    private static char[] need(char[] password, Path file) throws InetException {
        if (password == null) {
            throw new InetException(SslError.EKEYFILE, "the key in " + file
                    + " is encrypted and no password option was given", null);
        }
        return password;
    }

    /**
     * A key from DER bytes, named as Erlang names them: {@code PrivateKeyInfo} (PKCS#8),
     * {@code RSAPrivateKey} (PKCS#1) or {@code ECPrivateKey} (SEC1).
     */
    public static PrivateKey derKey(String type, byte[] der) throws InetException {
        try {
            PrivateKeyInfo info = switch (type) {
                case "PrivateKeyInfo" -> PrivateKeyInfo.getInstance(der);
                case "RSAPrivateKey" -> new PrivateKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        ASN1Primitive.fromByteArray(der));
                case "ECPrivateKey" -> {
                    ECPrivateKey ec = ECPrivateKey.getInstance(der);
                    if (ec.getParametersObject() == null) {
                        throw new InetException(SslError.EKEYFILE,
                                "the ECPrivateKey DER key does not name its curve (SEC1 parameters are missing)", null);
                    }
                    yield new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                            ec.getParametersObject()), ec);
                }
                default -> throw new IllegalArgumentException("key type must be PrivateKeyInfo, RSAPrivateKey or"
                        + " ECPrivateKey, not " + type);
            };
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (InetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith("key type")) {
                throw iae;
            }
            throw new InetException(SslError.EKEYFILE, "the " + type + " DER key cannot be decoded: " + e.getMessage(), e);
        }
    }

    /**
     * The SEC1 form of an EC key with its curve named inside, as OpenSSL writes
     * {@code EC PRIVATE KEY} (a JDK key's PKCS#8 encoding names the curve only outside).
     */
    public static PrivateKeyInfo withCurveInside(PrivateKey ecKey) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(ecKey.getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        if (inner.getParametersObject() != null) {
            return info;
        }
        var params = info.getPrivateKeyAlgorithm().getParameters();
        int bits = inner.getKey().bitLength();
        ECPrivateKey full = new ECPrivateKey(Math.max(bits, orderBits(params)), inner.getKey(), params);
        return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), full);
    }

    private static int orderBits(org.bouncycastle.asn1.ASN1Encodable params) {
        var oid = org.bouncycastle.asn1.ASN1ObjectIdentifier.getInstance(params);
        var curve = org.bouncycastle.asn1.x9.ECNamedCurveTable.getByOID(oid);
        return curve == null ? 256 : curve.getN().bitLength();
    }

    /** A certificate from DER bytes. */
    public static X509Certificate derCertificate(byte[] der, SslError role) throws InetException {
        try {
            return new JcaX509CertificateConverter().getCertificate(new X509CertificateHolder(der));
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new InetException(role, "the DER certificate cannot be decoded: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that {@code key} belongs to {@code cert} by signing with one and verifying with the
     * other: {@code ekeymismatch} when it does not.
     */
    public static void checkPair(PrivateKey key, X509Certificate cert, String where) throws InetException {
        PublicKey pub = cert.getPublicKey();
        if (!pub.getAlgorithm().equals(key.getAlgorithm())
                && !(pub.getAlgorithm().startsWith("EC") && key.getAlgorithm().startsWith("EC"))) {
            throw mismatch(where, "a " + key.getAlgorithm() + " key for a " + pub.getAlgorithm() + " certificate", null);
        }
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> null;
        };
        if (alg == null) {
            return;
        }
        try {
            byte[] data = new byte[32];
            new SecureRandom().nextBytes(data);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(data);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(data);
            if (!v.verify(sig)) {
                throw mismatch(where, "the key does not match the certificate's public key", null);
            }
        } catch (GeneralSecurityException e) {
            throw mismatch(where, e.getMessage(), e);
        }
    }

    private static InetException mismatch(String where, String why, Throwable cause) {
        return new InetException(SslError.EKEYMISMATCH, where + ": " + why, cause);
    }

    /**
     * The file's text; a file that cannot be read is {@code {options,{Option,File,{error,Posix}}}}
     * with the option of {@code role}, as Erlang reports it.
     */
    private static String read(Path file, SslError role) throws InetException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            Posix error = switch (e) {
                case NoSuchFileException n -> Posix.ENOENT;
                case java.nio.file.AccessDeniedException a -> Posix.EACCES;
                default -> Files.isDirectory(file) ? Posix.EISDIR : Posix.EIO;
            };
            String option = switch (role) {
                case ECACERTFILE -> "cacertfile";
                case EKEYFILE -> "keyfile";
                default -> "certfile";
            };
            throw new InetException(new Reason.Tagged("options", new OptionFileError(option, file, error)),
                    (error == Posix.ENOENT ? "no such file: " + file : "cannot read " + file + ": " + e.getMessage())
                            + " (the " + option + " option)", e);
        }
    }
}
