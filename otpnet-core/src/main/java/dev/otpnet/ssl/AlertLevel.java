package dev.otpnet.ssl;

/** The level byte of a TLS alert (RFC 8446 section 6). */
public enum AlertLevel {
    WARNING(1, "Warning"),
    FATAL(2, "Fatal");

    private final int code;
    private final String text;

    AlertLevel(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The byte on the wire. */
    public int code() {
        return code;
    }

    /** As Erlang prints it in alert texts ({@code "Fatal"}). */
    public String text() {
        return text;
    }

    /** The level for a wire byte; anything but 1 is treated as fatal, as TLS 1.3 requires. */
    public static AlertLevel fromCode(int code) {
        return code == 1 ? WARNING : FATAL;
    }
}
