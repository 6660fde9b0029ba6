package dev.otpnet.ssl;

/** The key pair a generated certificate gets. */
public enum KeyType {
    /** ECDSA on P-256 with SHA-256: small, fast, what current servers use. */
    EC_P256("EC", 256, "SHA256withECDSA"),
    /** ECDSA on P-384 with SHA-384. */
    EC_P384("EC", 384, "SHA384withECDSA"),
    /** RSA 2048 with SHA-256, for peers that only do RSA. */
    RSA_2048("RSA", 2048, "SHA256withRSA"),
    /** RSA 3072 with SHA-256. */
    RSA_3072("RSA", 3072, "SHA256withRSA");

    private final String algorithm;
    private final int size;
    private final String signature;

    KeyType(String algorithm, int size, String signature) {
        this.algorithm = algorithm;
        this.size = size;
        this.signature = signature;
    }

    /** The JCA key algorithm: {@code "EC"} or {@code "RSA"}. */
    public String algorithm() {
        return algorithm;
    }

    /** The key size in bits (the curve size for EC). */
    public int size() {
        return size;
    }

    /** The JCA signature algorithm certificates signed by this key use. */
    public String signatureAlgorithm() {
        return signature;
    }
}
