package dev.otpnet.ssl;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain and the private key of its first certificate: what a TLS endpoint presents.
 *
 * @param chain the end-entity certificate first, then the intermediates that signed it (the root
 *              is usually left out)
 * @param key   the private key of {@code chain.getFirst()}
 */
public record Credential(List<X509Certificate> chain, PrivateKey key) {
    public Credential {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a credential needs at least one certificate");
        }
        Objects.requireNonNull(key, "key");
    }

    /** The end-entity certificate. */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** This credential with {@code issuer}'s chain appended (to present intermediates). */
    public Credential withChainOf(Credential issuer) {
        List<X509Certificate> all = new java.util.ArrayList<>(chain);
        all.addAll(issuer.chain());
        return new Credential(all, key);
    }

    @Override
    public String toString() {
        return "Credential[" + certificate().getSubjectX500Principal().getName() + ", " + chain.size()
                + " certificate(s), " + key.getAlgorithm() + " key]";
    }
}
