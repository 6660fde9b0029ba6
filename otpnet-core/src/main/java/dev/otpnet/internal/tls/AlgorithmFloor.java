package dev.otpnet.internal.tls;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The JDK's algorithm constraints as a floor under {@link PathValidator}: what a JDK
 * {@code SSLSocket} with the same trust anchors would refuse for its algorithms, otpnet refuses
 * too, whatever the verify fun says. The constraints are the JDK's own, read by the JDK's own
 * code, so editing {@code java.security} moves the floor: {@code jdk.certpath.disabledAlgorithms}
 * (MD2, MD5, RSA and DSA keys under 1024 bits, EC keys under 224 bits in JDK 25) and
 * {@code jdk.tls.disabledAlgorithms} with the signature schemes the connection allows (no DSA
 * signature in TLS 1.3, say).
 *
 * <p><b>How.</b> The JDK validates a whole path and stops at its first failure, so a failure the
 * verify fun accepted (an expired intermediate, an unknown CA) would hide a weak certificate
 * below it. The floor therefore asks the JDK about one link at a time: each certificate with its
 * issuer's key as the only anchor, at a date inside the certificate's validity, and keeps only
 * the JDK's {@code ALGORITHM_CONSTRAINED} verdicts (everything else is {@link PathValidator}'s
 * business). Each link is checked twice: by the public PKIX {@link CertPathValidator} (the
 * certpath constraints on the issuer's key, the signature and the certificate's key), and by the
 * JDK's own TLS trust manager on the connection's engine (the TLS constraints and signature
 * schemes, with the TLS server or client variant).
 *
 * <p><b>Gap.</b> {@code SHA1 jdkCA & usage TLSServer} is judged per link, so it refuses a SHA-1
 * certificate issued directly by a root of the JDK's {@code cacerts}, not one further down such a
 * chain (public CAs stopped issuing SHA-1 certificates in 2016).
 *
 * <p>Stateless; runs on the thread of the handshake that asked.
 */
final class AlgorithmFloor {
    /** A certificate the JDK's constraints refuse, with the JDK's words for why. */
    record Weakness(X509Certificate certificate, String why) {
        /** Whether the weakness is an MD5 or SHA-1 signature (TLS 1.3 answers those with bad_certificate). */
        boolean weakSignature() {
            String alg = certificate.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
            return alg.startsWith("MD5WITH") || alg.startsWith("SHA1WITH");
        }
    }

    private AlgorithmFloor() {
    }

    /**
     * The first link of {@code path} (trust anchor first, peer last) that the JDK's constraints
     * refuse, or null. A one-certificate path (a peer certificate trusted or accepted as it is)
     * is checked as its own issuer, and so is a certificate that appears twice in a row; there
     * the floor is stricter than the JDK, which does not look at a certificate it trusts
     * directly.
     *
     * @param engine   the engine whose handshake this is, or null to check the certpath
     *                 constraints only
     * @param authType what the engine passed to the trust manager
     */
    static Weakness check(List<X509Certificate> path, SSLEngine engine, boolean peerIsServer, String authType) {
        if (path.size() == 1) {
            return link(path.getFirst(), path.getFirst(), null, peerIsServer, authType);
        }
        for (int i = 1; i < path.size(); i++) {
            Weakness w = link(path.get(i - 1), path.get(i), engine, peerIsServer, authType);
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    private static Weakness link(X509Certificate issuer, X509Certificate cert, SSLEngine engine, boolean peerIsServer,
                                 String authType) {
        Date during = during(cert);
        try {
            TrustAnchor anchor = new TrustAnchor(cert.getIssuerX500Principal(), issuer.getPublicKey(), null);
            PKIXParameters params = new PKIXParameters(Set.of(anchor));
            params.setRevocationEnabled(false);
            params.setDate(during);
            CertPath one = CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert));
            CertPathValidator.getInstance("PKIX").validate(one, params);
        } catch (CertPathValidatorException e) {
            if (e.getReason() == CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED) {
                return new Weakness(cert, e.getMessage());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's PKIX validator is missing", e);
        }
        if (engine == null || issuer == cert || !cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return null;
        }
        try {
            X509ExtendedTrustManager jdk = jdkTrustManager(issuer, during);
            X509Certificate[] one = {cert};
            if (peerIsServer) {
                jdk.checkServerTrusted(one, authType, engine);
            } else {
                jdk.checkClientTrusted(one, authType, engine);
            }
        } catch (CertificateException e) {
            return constrained(cert, e);
        }
        return null;
    }

    private static Weakness constrained(X509Certificate cert, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED) {
                return new Weakness(cert, v.getMessage());
            }
        }
        return null;
    }

    /** The JDK's trust manager with {@code issuer} as its only anchor, judging at {@code date}. */
    private static X509ExtendedTrustManager jdkTrustManager(X509Certificate issuer, Date date) {
        try {
            PKIXBuilderParameters params = new PKIXBuilderParameters(Set.of(new TrustAnchor(issuer, null)), null);
            params.setRevocationEnabled(false);
            params.setDate(date);
            TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
            f.init(new CertPathTrustManagerParameters(params));
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK's PKIX trust manager factory made no X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's PKIX trust manager is missing", e);
        }
    }

    /** A moment inside {@code cert}'s validity, so that its dates never hide a constraint. */
    private static Date during(X509Certificate cert) {
        long from = cert.getNotBefore().getTime();
        long to = cert.getNotAfter().getTime();
        return new Date(from + (to - from) / 2);
    }
}
