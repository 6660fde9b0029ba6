package dev.otpnet.ssl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a generated certificate says: subject, alternative names, validity, key type and role.
 * Start from {@link #leaf(String)} or {@link #authority(String)} and adjust with the
 * {@code withX} methods; {@link Certificates} turns it into a {@link Credential}.
 *
 * @param commonName      the subject's CN
 * @param subjectAltNames entries as OpenSSL writes them: {@code "DNS:localhost"},
 *                        {@code "IP:127.0.0.1"}; a leaf made by {@link #leaf(String)} gets
 *                        {@code DNS:<commonName>}
 * @param notBefore       start of validity
 * @param notAfter        end of validity
 * @param keyType         the key pair to generate
 * @param authority       whether this is a CA (basicConstraints CA:true, keyCertSign)
 * @param pathLength      for a CA, the pathLenConstraint, or -1 for none
 * @param serverAuth      extended key usage serverAuth (for leaves)
 * @param clientAuth      extended key usage clientAuth (for leaves)
 */
public record CertificateSpec(String commonName, List<String> subjectAltNames, Instant notBefore, Instant notAfter,
                              KeyType keyType, boolean authority, int pathLength, boolean serverAuth,
                              boolean clientAuth) {
    private static final Duration SKEW = Duration.ofMinutes(5);

    public CertificateSpec {
        Objects.requireNonNull(commonName, "commonName");
        subjectAltNames = List.copyOf(subjectAltNames);
        for (String san : subjectAltNames) {
            if (!san.startsWith("DNS:") && !san.startsWith("IP:")) {
                throw new IllegalArgumentException("subject alternative name \"" + san
                        + "\" must start with DNS: or IP:");
            }
        }
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(keyType, "keyType");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter (" + notAfter + ") must be after notBefore (" + notBefore + ")");
        }
        if (pathLength < -1) {
            throw new IllegalArgumentException("pathLength must be -1 (none) or more, not " + pathLength);
        }
    }

    /**
     * A server and client certificate for {@code host}: SAN {@code DNS:host} (or {@code IP:host}
     * for an address), valid from five minutes ago for 30 days, EC P-256.
     */
    public static CertificateSpec leaf(String host) {
        String san = host.chars().allMatch(c -> Character.isDigit(c) || c == '.') || host.contains(":")
                ? "IP:" + host : "DNS:" + host;
        Instant now = Instant.now();
        return new CertificateSpec(host, List.of(san), now.minus(SKEW), now.plus(Duration.ofDays(30)),
                KeyType.EC_P256, false, -1, true, true);
    }

    /** A certificate authority named {@code name}, valid for a year, EC P-256. */
    public static CertificateSpec authority(String name) {
        Instant now = Instant.now();
        return new CertificateSpec(name, List.of(), now.minus(SKEW), now.plus(Duration.ofDays(365)),
                KeyType.EC_P256, true, -1, false, false);
    }

    public CertificateSpec withSubjectAltNames(String... names) {
        return new CertificateSpec(commonName, List.of(names), notBefore, notAfter, keyType, authority, pathLength,
                serverAuth, clientAuth);
    }

    /** No subject alternative names: a CN-only certificate, as old tools made them. */
    public CertificateSpec withoutSubjectAltNames() {
        return withSubjectAltNames();
    }

    public CertificateSpec withValidity(Instant from, Instant to) {
        return new CertificateSpec(commonName, subjectAltNames, from, to, keyType, authority, pathLength, serverAuth,
                clientAuth);
    }

    public CertificateSpec withKeyType(KeyType type) {
        return new CertificateSpec(commonName, subjectAltNames, notBefore, notAfter, type, authority, pathLength,
                serverAuth, clientAuth);
    }

    public CertificateSpec withPathLength(int length) {
        return new CertificateSpec(commonName, subjectAltNames, notBefore, notAfter, keyType, authority, length,
                serverAuth, clientAuth);
    }

    /** Sets the extended key usages (both true by default for leaves). */
    public CertificateSpec withUsages(boolean server, boolean client) {
        return new CertificateSpec(commonName, subjectAltNames, notBefore, notAfter, keyType, authority, pathLength,
                server, client);
    }
}
