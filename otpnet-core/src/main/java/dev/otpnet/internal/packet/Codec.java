package dev.otpnet.internal.packet;

import dev.otpnet.inet.Bytes;
import dev.otpnet.packet.PacketOptions;
import dev.otpnet.packet.PacketType;
import java.nio.ByteBuffer;

/**
 * One {@code {packet, Type}} framing: Erlang's {@code packet_get_length} then, for a whole packet,
 * its body or parsed form.
 *
 * <p>A codec reads the bytes from {@code in.position()} to {@code in.limit()}, which start at a
 * packet boundary, and never moves the position. It may remember how far it has looked (a line
 * scanner, the http header/request state), so one instance serves one stream: between calls the
 * bytes already seen must stay the same, with new bytes appended after them, until
 * {@link #packet} takes the packet and the caller moves past it. A fresh instance answers as
 * {@code erlang:decode_packet/3} does for one binary.
 */
public sealed interface Codec
        permits RawCodec, LengthCodec, LineCodec, Asn1Codec, CdrCodec, SunRmCodec, FcgiCodec, TpktCodec, HttpCodec {

    /** Length unknown, more bytes needed ({@code {more, undefined}}). */
    int NEED_MORE = 0;
    /** The packet is over {@code packet_size}, or over 2<sup>31</sup>-1 bytes with its header. */
    int TOO_LARGE = -1;
    /** The header is not one of this type (bad magic, version or length form). */
    int INVALID = -2;

    /**
     * The whole packet's length in bytes, headers and padding included, which may exceed
     * {@code in.remaining()} (more bytes needed, length known); or {@link #NEED_MORE},
     * {@link #TOO_LARGE}, {@link #INVALID}.
     */
    int length(ByteBuffer in);

    /**
     * The packet held in the {@code length} bytes at {@code in.position()} (a value {@link #length}
     * returned, {@code <= in.remaining()}): a {@link Bytes} made by {@code slicer}, or an
     * {@code HttpPacket}. Does not move the position; readies the codec for the next packet.
     */
    Object packet(ByteBuffer in, int length, Slicer slicer);

    /** Makes {@link Bytes} out of a range of the input: a copy, or a view of an immutable input. */
    @FunctionalInterface
    interface Slicer {
        /** The {@code length} bytes of {@code in} at absolute index {@code from}. */
        Bytes slice(ByteBuffer in, int from, int length);

        /** Copies into a fresh array: for a reader's buffer that will be reused. */
        Slicer COPY = (in, from, length) -> {
            byte[] a = new byte[length];
            in.get(from, a);
            return Bytes.wrap(a);
        };
    }

    /** A codec for one {@code decode_packet} call on {@code type}: Erlang's answers, quirks and all. */
    static Codec of(PacketType type, PacketOptions options) {
        return of(type, options, false);
    }

    /**
     * A codec for one stream of {@code type}. With {@code stream} set, the answer for a given
     * stream never depends on how its bytes were split into reads, where Erlang's would (see
     * {@link HttpCodec}).
     */
    static Codec of(PacketType type, PacketOptions options, boolean stream) {
        int max = options.packetSize();
        return switch (type) {
            case RAW -> new RawCodec();
            case ONE, TWO, FOUR -> new LengthCodec(type.lengthHeader(), max);
            case LINE -> new LineCodec(options.lineDelimiter(), max, options.lineLength());
            case ASN1 -> new Asn1Codec(max);
            case CDR -> new CdrCodec(max);
            case SUNRM -> new SunRmCodec(max);
            case FCGI -> new FcgiCodec(max);
            case TPKT -> new TpktCodec(max);
            case HTTP, HTTPH, HTTP_BIN, HTTPH_BIN -> new HttpCodec(type, max, options.lineLength(), stream);
        };
    }

    /**
     * Erlang's {@code remain:} step shared by the length-prefixed types: a {@code hlen}-byte header
     * announcing {@code plen} more bytes (unsigned), checked against {@code packet_size} (0 = none)
     * and against the 2<sup>31</sup>-1 that Erlang's {@code int} arithmetic allows.
     */
    static int remain(int hlen, long plen, int packetSize) {
        if (packetSize != 0 && plen > packetSize) {
            return TOO_LARGE;
        }
        long total = hlen + plen;
        return total > Integer.MAX_VALUE ? TOO_LARGE : (int) total;
    }

    /** Unsigned big-endian integer of {@code n} bytes at absolute index {@code at}. */
    static long unsigned(ByteBuffer in, int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (in.get(at + i) & 0xff);
        }
        return v;
    }
}
