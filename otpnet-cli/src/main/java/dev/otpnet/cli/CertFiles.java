package dev.otpnet.cli;

import dev.otpnet.ssl.CertificateSpec;
import dev.otpnet.ssl.Certificates;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.KeyFormat;
import dev.otpnet.ssl.KeyType;
import dev.otpnet.ssl.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A CA and a certificate it signed, as four PEM files: {@code ca.pem}, {@code ca-key.pem},
 * {@code cert.pem} (the leaf, then nothing else: the CA is the trust anchor) and {@code key.pem}.
 * Written by {@code otpnet gencert} and by {@code otpnet echo --tls}'s zero set-up. Every file is
 * created readable and writable by the user only (0600) from the start, never chmod-ed after.
 */
final class CertFiles {
    static final String CA = "ca.pem";
    static final String CA_KEY = "ca-key.pem";
    static final String CERT = "cert.pem";
    static final String KEY = "key.pem";

    /** A CA and the leaf it signed. */
    record Pair(Credential ca, Credential leaf) {
    }

    private CertFiles() {
    }

    /**
     * A new CA (valid ten years, or longer than the leaf) and a leaf for {@code hosts} (the first
     * is the subject's CN; each is a DNS or IP subject alternative name) valid {@code days}.
     */
    static Pair generate(List<String> hosts, int days, KeyType keyType, String caName) {
        Instant now = Instant.now();
        Instant notBefore = now.minus(Duration.ofMinutes(5));
        Instant caEnd = now.plus(Duration.ofDays(Math.max(3650, days + 1L)));
        Credential ca = Certificates.authority(CertificateSpec.authority(caName).withKeyType(keyType)
                .withValidity(notBefore, caEnd));
        return new Pair(ca, issue(ca, hosts, days, keyType));
    }

    /** A leaf for {@code hosts} signed by {@code ca}. */
    static Credential issue(Credential ca, List<String> hosts, int days, KeyType keyType) {
        Instant now = Instant.now();
        String[] sans = hosts.stream().map(h -> (isAddress(h) ? "IP:" : "DNS:") + h).toArray(String[]::new);
        CertificateSpec spec = CertificateSpec.leaf(hosts.getFirst()).withSubjectAltNames(sans)
                .withValidity(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(days)))
                .withKeyType(keyType).withUsages(true, true);
        return Certificates.issue(ca, spec);
    }

    static boolean isAddress(String host) {
        return host.contains(":") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    /** Writes the four files into {@code dir} (made 0700 if missing); refuses to overwrite one. */
    static void write(Path dir, Pair pair, String password) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        for (String name : List.of(CA, CA_KEY, CERT, KEY)) {
            if (Files.exists(dir.resolve(name))) {
                throw new FileAlreadyExistsException(dir.resolve(name).toString(), null, "it would be overwritten");
            }
        }
        char[] pw = password == null ? null : password.toCharArray();
        KeyFormat format = pw == null ? KeyFormat.PKCS8 : KeyFormat.PKCS8_ENCRYPTED;
        create(dir.resolve(CA), Pem.certificates(List.of(pair.ca().certificate())));
        create(dir.resolve(CA_KEY), Pem.key(pair.ca().key(), format, pw));
        create(dir.resolve(CERT), Pem.certificates(List.of(pair.leaf().certificate())));
        create(dir.resolve(KEY), Pem.key(pair.leaf().key(), format, pw));
    }

    /** Replaces the leaf's two files (each written aside, then moved over the old one). */
    static void replaceLeaf(Path dir, Credential leaf) throws IOException {
        Path cert = dir.resolve(CERT + ".new");
        Path key = dir.resolve(KEY + ".new");
        Files.deleteIfExists(cert);
        Files.deleteIfExists(key);
        create(key, Pem.key(leaf.key(), KeyFormat.PKCS8, null));
        create(cert, Pem.certificates(List.of(leaf.certificate())));
        Files.move(key, dir.resolve(KEY), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(cert, dir.resolve(CERT), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void create(Path file, String text) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** The SHA-256 fingerprint as {@code openssl x509 -fingerprint -sha256} prints it. */
    static String fingerprint(X509Certificate c) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + c.getSubjectX500Principal(), e);
        }
    }
}
