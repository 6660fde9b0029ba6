package dev.otpnet.ssl;

/** How {@link Pem} writes a private key. */
public enum KeyFormat {
    /** {@code -----BEGIN PRIVATE KEY-----}: PKCS#8, any algorithm. */
    PKCS8,
    /** {@code -----BEGIN RSA PRIVATE KEY-----} (PKCS#1) or {@code EC PRIVATE KEY} (SEC1), as OpenSSL 1.0 wrote them. */
    TRADITIONAL,
    /** {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}: PKCS#8 under PBES2 (PBKDF2, AES-256-CBC). */
    PKCS8_ENCRYPTED,
    /** A traditional key encrypted the old OpenSSL way, with {@code Proc-Type} and {@code DEK-Info: AES-128-CBC} headers. */
    TRADITIONAL_ENCRYPTED
}
