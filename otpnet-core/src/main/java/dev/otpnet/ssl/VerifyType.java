package dev.otpnet.ssl;

/** Erlang's {@code verify_type()}: whether the peer's certificate is checked. */
public enum VerifyType {
    /** No check: every path validation error is accepted (see the {@code verify_fun} option). */
    VERIFY_NONE,
    /** PKIX validation against the trust anchors, and for clients the host name. */
    VERIFY_PEER;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
