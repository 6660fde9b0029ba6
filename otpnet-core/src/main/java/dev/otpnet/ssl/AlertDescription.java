package dev.otpnet.ssl;

import java.util.Locale;

/**
 * The description byte of a TLS alert, named by the atom Erlang's ssl application uses
 * ({@code unknown_ca}) and carrying the words Erlang prints for it ({@code "Unknown CA"}), both
 * read off Erlang/OTP 25 ({@code ssl_alert}).
 */
public enum AlertDescription {
    CLOSE_NOTIFY(0, "Close Notify"),
    UNEXPECTED_MESSAGE(10, "Unexpected Message"),
    BAD_RECORD_MAC(20, "Bad Record MAC"),
    DECRYPTION_FAILED_RESERVED(21, "Decryption Failed Reserved"),
    RECORD_OVERFLOW(22, "Record Overflow"),
    DECOMPRESSION_FAILURE(30, "Decompression Failure"),
    HANDSHAKE_FAILURE(40, "Handshake Failure"),
    NO_CERTIFICATE_RESERVED(41, "No Certificate Reserved"),
    BAD_CERTIFICATE(42, "Bad Certificate"),
    UNSUPPORTED_CERTIFICATE(43, "Unsupported Certificate"),
    CERTIFICATE_REVOKED(44, "Certificate Revoked"),
    CERTIFICATE_EXPIRED(45, "Certificate Expired"),
    CERTIFICATE_UNKNOWN(46, "Certificate Unknown"),
    ILLEGAL_PARAMETER(47, "Illegal Parameter"),
    UNKNOWN_CA(48, "Unknown CA"),
    ACCESS_DENIED(49, "Access Denied"),
    DECODE_ERROR(50, "Decode Error"),
    DECRYPT_ERROR(51, "Decrypt Error"),
    EXPORT_RESTRICTION(60, "Export Restriction"),
    PROTOCOL_VERSION(70, "Protocol Version"),
    INSUFFICIENT_SECURITY(71, "Insufficient Security"),
    INTERNAL_ERROR(80, "Internal Error"),
    INAPPROPRIATE_FALLBACK(86, "Inappropriate Fallback"),
    USER_CANCELED(90, "User Canceled"),
    NO_RENEGOTIATION(100, "No Renegotiation"),
    MISSING_EXTENSION(109, "Missing extension"),
    UNSUPPORTED_EXTENSION(110, "Unsupported Extension"),
    CERTIFICATE_UNOBTAINABLE(111, "Certificate Unobtainable"),
    UNRECOGNIZED_NAME(112, "Unrecognized Name"),
    BAD_CERTIFICATE_STATUS_RESPONSE(113, "Bad Certificate Status Response"),
    BAD_CERTIFICATE_HASH_VALUE(114, "Bad Certificate Hash Value"),
    UNKNOWN_PSK_IDENTITY(115, "Unknown Psk Identity"),
    CERTIFICATE_REQUIRED(116, "Certificate required"),
    NO_APPLICATION_PROTOCOL(120, "No application protocol"),
    /** A code this table does not know; Erlang calls it {@code 'unsupported/unknown_alert'}. */
    UNSUPPORTED_UNKNOWN_ALERT(-1, "unsupported/unknown alert");

    private final int code;
    private final String text;

    AlertDescription(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The byte on the wire; -1 for {@link #UNSUPPORTED_UNKNOWN_ALERT}. */
    public int code() {
        return code;
    }

    /** The atom as Erlang writes it, quoted when Erlang would quote it. */
    public String atom() {
        return this == UNSUPPORTED_UNKNOWN_ALERT ? "'unsupported/unknown_alert'" : name().toLowerCase(Locale.ROOT);
    }

    /** The words Erlang prints for this alert ({@code "Unknown CA"}). */
    public String text() {
        return text;
    }

    /** The description for a wire byte, {@link #UNSUPPORTED_UNKNOWN_ALERT} if unknown. */
    public static AlertDescription fromCode(int code) {
        for (AlertDescription d : values()) {
            if (d.code == code) {
                return d;
            }
        }
        return UNSUPPORTED_UNKNOWN_ALERT;
    }

    /**
     * The description named by an RFC/JSSE/Erlang name such as {@code "unknown_ca"} or
     * {@code "bad_certificate"}, {@link #UNSUPPORTED_UNKNOWN_ALERT} if unknown.
     */
    public static AlertDescription fromName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
        for (AlertDescription d : values()) {
            if (d.name().equals(n)) {
                return d;
            }
        }
        return switch (n) {
            case "DECRYPTION_FAILED" -> DECRYPTION_FAILED_RESERVED;
            case "NO_CERTIFICATE" -> NO_CERTIFICATE_RESERVED;
            case "BAD_CERT_STATUS_RESPONSE" -> BAD_CERTIFICATE_STATUS_RESPONSE;
            case "BAD_CERT_HASH_VALUE" -> BAD_CERTIFICATE_HASH_VALUE;
            default -> UNSUPPORTED_UNKNOWN_ALERT;
        };
    }
}
