package dev.otpnet.ssl;

import java.util.Optional;

/**
 * A protocol version, named by Erlang's atom ({@code 'tlsv1.2'}) and by JSSE's name
 * ({@code "TLSv1.2"}).
 *
 * <p>{@link #SSLV2} and {@link #SSLV3} exist so they can be named and refused with a reason
 * (see {@link SslOptions#versions}); otpnet never negotiates them.
 */
public enum TlsVersion {
    SSLV2(0x0002, "sslv2", "SSLv2Hello"),
    SSLV3(0x0300, "sslv3", "SSLv3"),
    TLSV1(0x0301, "tlsv1", "TLSv1"),
    TLSV1_1(0x0302, "'tlsv1.1'", "TLSv1.1"),
    TLSV1_2(0x0303, "'tlsv1.2'", "TLSv1.2"),
    TLSV1_3(0x0304, "'tlsv1.3'", "TLSv1.3");

    private final int code;
    private final String atom;
    private final String jsseName;

    TlsVersion(int code, String atom, String jsseName) {
        this.code = code;
        this.atom = atom;
        this.jsseName = jsseName;
    }

    /** The two bytes on the wire, e.g. {@code 0x0303}. */
    public int code() {
        return code;
    }

    /** Erlang's atom as printed, quoted where Erlang quotes it: {@code 'tlsv1.2'}. */
    public String atom() {
        return atom;
    }

    /** The name JSSE uses in {@code setEnabledProtocols}: {@code "TLSv1.2"}. */
    public String jsseName() {
        return jsseName;
    }

    /** The version with this wire code, if it is one. */
    public static Optional<TlsVersion> fromCode(int code) {
        for (TlsVersion v : values()) {
            if (v.code == code) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * The version for an Erlang atom ({@code tlsv1.2}, with or without quotes) or a JSSE name
     * ({@code TLSv1.2}).
     */
    public static Optional<TlsVersion> parse(String name) {
        String n = name.trim();
        if (n.length() > 1 && n.startsWith("'") && n.endsWith("'")) {
            n = n.substring(1, n.length() - 1);
        }
        for (TlsVersion v : values()) {
            if (v.jsseName.equalsIgnoreCase(n) || v.atom.replace("'", "").equalsIgnoreCase(n)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return atom;
    }
}
