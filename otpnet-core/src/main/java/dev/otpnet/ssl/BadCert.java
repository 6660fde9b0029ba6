package dev.otpnet.ssl;

import java.util.Locale;

/** The reasons of Erlang's {@code {bad_cert, Reason}} path validation events. */
public enum BadCert {
    CERT_EXPIRED,
    INVALID_ISSUER,
    INVALID_SIGNATURE,
    UNKNOWN_CA,
    NAME_NOT_PERMITTED,
    MISSING_BASIC_CONSTRAINT,
    INVALID_KEY_USAGE,
    INVALID_EXT_KEY_USAGE,
    SELFSIGNED_PEER,
    HOSTNAME_CHECK_FAILED,
    MAX_PATH_LENGTH_REACHED,
    UNKNOWN_CRITICAL_EXTENSION;

    /** The atom, e.g. {@code unknown_ca}. */
    public String atom() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The TLS alert Erlang sends when this ends a handshake. */
    public AlertDescription alert() {
        return switch (this) {
            case CERT_EXPIRED -> AlertDescription.CERTIFICATE_EXPIRED;
            case UNKNOWN_CA -> AlertDescription.UNKNOWN_CA;
            case UNKNOWN_CRITICAL_EXTENSION -> AlertDescription.UNSUPPORTED_CERTIFICATE;
            case INVALID_ISSUER, INVALID_SIGNATURE, NAME_NOT_PERMITTED, SELFSIGNED_PEER -> AlertDescription.BAD_CERTIFICATE;
            default -> AlertDescription.HANDSHAKE_FAILURE;
        };
    }

    @Override
    public String toString() {
        return atom();
    }
}
