package dev.otpnet.internal.tls;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;

/**
 * The one BouncyCastle provider otpnet uses, passed explicitly to the operations that need it
 * (decrypting legacy PEM keys) and never installed in the JVM-wide provider list, so the JDK's
 * own TLS stays on the JDK's providers.
 */
public final class BouncyCastle {
    private static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }

    public static Provider provider() {
        return PROVIDER;
    }
}
