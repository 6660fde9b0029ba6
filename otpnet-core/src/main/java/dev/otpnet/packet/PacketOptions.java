package dev.otpnet.packet;

/**
 * The options of {@code erlang:decode_packet/3} that shape framing: {@code packet_size},
 * {@code line_length} and {@code line_delimiter}. {@link #DEFAULT} is Erlang's default (no limits,
 * {@code $\n}); change one with the {@code withX} methods.
 *
 * <p>What each means, exactly as Erlang/OTP 25 does it:
 * <ul>
 *   <li>{@code packetSize}: the largest packet accepted, 0 for no limit. For the length-prefixed
 *       types (1, 2, 4, asn1, cdr, sunrm, fcgi, tpkt) it bounds the length the header announces,
 *       headers not counted (for fcgi: content plus padding; for tpkt: its length minus 4); it is
 *       enforced as soon as the header is read, before any body is buffered. For {@code line} and
 *       the http types it bounds the line with its line ending (a folded header counts all its
 *       lines). {@code raw} ignores it. Without a limit a packet may still not exceed
 *       2<sup>31</sup>-1 bytes, headers included.
 *   <li>{@code lineLength}: for {@code line}, lines longer than this are cut into pieces of this
 *       size (the last piece keeps the delimiter), and a partial line is delivered as soon as this
 *       many bytes are waiting; checked after {@code packetSize}, which wins. For the http types it
 *       is the longest line accepted, but only when {@code packetSize} is 0. Other types ignore it.
 *       0 is no limit. A gen_tcp socket has no {@code line_length} option: it cuts lines at its
 *       receive buffer size ({@code {buffer, N}}) instead, and a socket layer passes that here.
 *   <li>{@code lineDelimiter}: the byte that ends a line, for {@code line} only.
 * </ul>
 *
 * <p>{@code lineDelimiterGiven} tells whether {@code line_delimiter} was named, as an Erlang
 * option list tells it: {@link Packets#decode} refuses a named delimiter for any type but
 * {@code line} (Erlang's badarg), even {@code $\n}; a socket's decoder takes it for any type.
 *
 * @param packetSize {@code {packet_size, N}}, N &ge; 0, 0 = no limit
 * @param lineLength {@code {line_length, N}}, N &ge; 0, 0 = no limit
 * @param lineDelimiter {@code {line_delimiter, Byte}}, {@code \n} when not given
 * @param lineDelimiterGiven whether {@code {line_delimiter, Byte}} is in the option list
 */
public record PacketOptions(int packetSize, int lineLength, byte lineDelimiter, boolean lineDelimiterGiven) {

    /** No size limits, no delimiter named (lines end at {@code \n}): the empty option list. */
    public static final PacketOptions DEFAULT = new PacketOptions(0, 0, (byte) '\n', false);

    /** All three options named: {@code [{packet_size,P},{line_length,L},{line_delimiter,D}]}. */
    public PacketOptions(int packetSize, int lineLength, byte lineDelimiter) {
        this(packetSize, lineLength, lineDelimiter, true);
    }

    public PacketOptions {
        if (packetSize < 0) {
            throw new IllegalArgumentException(
                    "{packet_size," + packetSize + "}: packet_size must be an integer >= 0 (0 means no limit)");
        }
        if (lineLength < 0) {
            throw new IllegalArgumentException(
                    "{line_length," + lineLength + "}: line_length must be an integer >= 0 (0 means no limit)");
        }
    }

    public PacketOptions withPacketSize(int packetSize) {
        return new PacketOptions(packetSize, lineLength, lineDelimiter, lineDelimiterGiven);
    }

    public PacketOptions withLineLength(int lineLength) {
        return new PacketOptions(packetSize, lineLength, lineDelimiter, lineDelimiterGiven);
    }

    /** With {@code {line_delimiter, Byte}} named. */
    public PacketOptions withLineDelimiter(byte lineDelimiter) {
        return new PacketOptions(packetSize, lineLength, lineDelimiter, true);
    }

    /** As {@link #withLineDelimiter(byte)}, for a char in 0..255 such as {@code ';'}. */
    public PacketOptions withLineDelimiter(char lineDelimiter) {
        if (lineDelimiter > 0xff) {
            throw new IllegalArgumentException("{line_delimiter," + (int) lineDelimiter
                    + "}: line_delimiter must be a byte, 0..255");
        }
        return withLineDelimiter((byte) lineDelimiter);
    }

    /**
     * The Erlang option list, {@code [{packet_size,0},{line_length,0}]}, with
     * {@code {line_delimiter,D}} last when it is given.
     */
    @Override
    public String toString() {
        return "[{packet_size," + packetSize + "},{line_length," + lineLength + "}"
                + (lineDelimiterGiven ? ",{line_delimiter," + (lineDelimiter & 0xff) + "}" : "") + "]";
    }
}
