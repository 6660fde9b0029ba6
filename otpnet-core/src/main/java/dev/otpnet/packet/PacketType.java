package dev.otpnet.packet;

import java.util.Locale;

/**
 * The {@code {packet, Type}} framings of gen_tcp and {@code erlang:decode_packet/3}.
 *
 * <p>{@link #toString()} is the Erlang term ({@code 0}, {@code 4}, {@code line}, {@code http_bin}).
 */
public enum PacketType {
    /** {@code raw} / {@code 0}: no framing; whatever bytes are there. */
    RAW("0", 0),
    /** {@code 1}: a 1-byte big-endian length, then that many bytes. */
    ONE("1", 1),
    /** {@code 2}: a 2-byte big-endian length, then that many bytes. */
    TWO("2", 2),
    /** {@code 4}: a 4-byte big-endian length, then that many bytes. */
    FOUR("4", 4),
    /** {@code line}: up to and including the delimiter ({@code \n} or {@code line_delimiter}). */
    LINE("line", 0),
    /** {@code asn1}: one BER tag-length-value, whole; {@code 0x80} (indefinite) counts as length 0. */
    ASN1("asn1", 0),
    /** {@code cdr}: a CORBA GIOP message, 12-byte header kept, size in the byte order its flags say. */
    CDR("cdr", 0),
    /** {@code sunrm}: an ONC RPC record-marked fragment, 4-byte mark kept. */
    SUNRM("sunrm", 0),
    /** {@code fcgi}: a FastCGI record, header and content; the padding is consumed and dropped. */
    FCGI("fcgi", 0),
    /** {@code tpkt}: an RFC 1006 TPKT (version 3, length counting its 4-byte header), kept whole. */
    TPKT("tpkt", 0),
    /** {@code http}: HTTP/1 lines as {@link HttpPacket}s with string fields, request/status line first. */
    HTTP("http", 0),
    /** {@code httph}: as {@link #HTTP} but header lines only. */
    HTTPH("httph", 0),
    /** {@code http_bin}: as {@link #HTTP} with binary ({@code Bytes}) fields. */
    HTTP_BIN("http_bin", 0),
    /** {@code httph_bin}: as {@link #HTTPH} with binary ({@code Bytes}) fields. */
    HTTPH_BIN("httph_bin", 0);

    private final String term;
    private final int lengthHeader;

    PacketType(String term, int lengthHeader) {
        this.term = term;
        this.lengthHeader = lengthHeader;
    }

    /** The size of the length prefix that a send adds: 1, 2 or 4 for those types, else 0. */
    public int lengthHeader() {
        return lengthHeader;
    }

    /** Whether packets are parsed HTTP terms rather than bytes. */
    public boolean isHttp() {
        return this == HTTP || this == HTTPH || this == HTTP_BIN || this == HTTPH_BIN;
    }

    /** {@code {packet, N}} for N in 0, 1, 2, 4. */
    public static PacketType of(int n) {
        return switch (n) {
            case 0 -> RAW;
            case 1 -> ONE;
            case 2 -> TWO;
            case 4 -> FOUR;
            default -> throw new IllegalArgumentException(
                    "{packet," + n + "}: a numeric packet type must be 0, 1, 2 or 4");
        };
    }

    /** The type named by an Erlang atom or number: {@code "raw"}, {@code "4"}, {@code "http_bin"}... */
    public static PacketType of(String atom) {
        if (atom.equals("raw")) {
            return RAW;
        }
        for (PacketType t : values()) {
            if (t.term.equals(atom)) {
                return t;
            }
        }
        throw new IllegalArgumentException("{packet," + atom + "}: unknown packet type; expected one of "
                + "raw, 0, 1, 2, 4, line, asn1, cdr, sunrm, fcgi, tpkt, http, httph, http_bin, httph_bin");
    }

    @Override
    public String toString() {
        return term.toLowerCase(Locale.ROOT);
    }
}
