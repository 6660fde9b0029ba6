package dev.otpnet.packet;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.internal.packet.Codec;
import dev.otpnet.internal.packet.StreamDecoder;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * {@code erlang:decode_packet/3} and the framing of gen_tcp's {@code {packet, Type}}: pure
 * functions over bytes, shared by TCP, TLS and the socket module.
 *
 * <ul>
 *   <li>{@link #decode(PacketType, Bytes, PacketOptions)} is {@code erlang:decode_packet/3}: one
 *       call on one binary, the same answer Erlang gives.
 *   <li>{@link #decoder(PacketType, PacketOptions)} is what a socket in {@code {packet, Type}} mode
 *       runs on its byte stream.
 *   <li>{@link #encode}, {@link #lengthHeader} and {@link #fitsLengthHeader} are the sending side of
 *       {@code {packet, 1|2|4}}.
 * </ul>
 *
 * <p>Differences between the two decoding entry points, both from Erlang: {@code decode} reports
 * every framing error as {@code {error, invalid}}, a socket as {@code {error, emsgsize}} (bad magic
 * included); {@code decode} on {@code http}/{@code http_bin} always reads a request or status line
 * (there is no state between calls), a socket's decoder follows the message through its headers.
 */
public final class Packets {
    private Packets() {}

    /**
     * {@code erlang:decode_packet(Type, Bin, Options)}.
     *
     * <p>{@link Decoded.Ok} carries a {@link Bytes} for the byte types (a view of {@code bin}, as
     * Erlang's sub-binaries; for 1, 2, 4 without the header, for fcgi without the padding, for the
     * others whole) or an {@link HttpPacket} for the http types; {@code http} and {@code http_bin}
     * parse a request or status line, {@code httph} and {@code httph_bin} a header line.
     * {@link Decoded.More} says how large the packet is when its header is complete.
     * {@link Decoded.Error} is always {@code invalid}, whether the header is malformed or the
     * packet exceeds {@code packet_size}.
     *
     * @throws IllegalArgumentException (Erlang's badarg) if {@code options} name a
     *     {@code line_delimiter} and {@code type} is not {@code line}
     */
    public static Decoded decode(PacketType type, Bytes bin, PacketOptions options) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(bin, "bin");
        Objects.requireNonNull(options, "options");
        if (options.lineDelimiterGiven() && type != PacketType.LINE) {
            throw new IllegalArgumentException("badarg: decode_packet takes {line_delimiter,"
                    + (options.lineDelimiter() & 0xff) + "} with {packet, line} only, not with " + type);
        }
        Codec codec = Codec.of(type, options);
        ByteBuffer in = bin.asByteBuffer();
        int length = codec.length(in);
        if (length < 0) {
            return new Decoded.Error(InetError.INVALID);
        }
        if (length == Codec.NEED_MORE) {
            return Decoded.More.UNDEFINED;
        }
        if (length > bin.size()) {
            return new Decoded.More(OptionalInt.of(length));
        }
        Object packet = codec.packet(in, length, (buf, from, n) -> bin.slice(from, from + n));
        return new Decoded.Ok(packet, bin.slice(length, bin.size()));
    }

    /** {@link #decode(PacketType, Bytes, PacketOptions)} with {@link PacketOptions#DEFAULT}. */
    public static Decoded decode(PacketType type, Bytes bin) {
        return decode(type, bin, PacketOptions.DEFAULT);
    }

    /**
     * A decoder for one byte stream in {@code {packet, type}} mode, as a gen_tcp socket frames what
     * it receives: packets as {@link #decode} gives them, except that
     * <ul>
     *   <li>every framing error (over {@code packet_size}, or a malformed header such as bad GIOP
     *       magic) is an {@code InetException} with reason {@code emsgsize}, which is what gen_tcp
     *       returns for both;
     *   <li>{@code http} and {@code http_bin} switch to header lines after a request or status
     *       line and back after {@code http_eoh}, so pipelined and keep-alive messages decode in
     *       turn (an {@code http_error} keeps the state);
     *   <li>packets are copied out of the caller's buffer, which it may reuse.
     * </ul>
     * For gen_tcp's {@code line} mode pass the socket's receive buffer size as
     * {@link PacketOptions#lineLength()}: gen_tcp cuts lines there, and for the http types it is
     * the longest line accepted when {@code packet_size} is 0. Make a new decoder when the socket's
     * packet options change.
     */
    public static PacketDecoder decoder(PacketType type, PacketOptions options) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        return new StreamDecoder(type, options);
    }

    /**
     * What gen_tcp's {@code send} writes for {@code payload} on a socket in {@code {packet, type}}
     * mode: the length header for 1, 2 and 4 ({@link #lengthHeader}) then the payload; the payload
     * alone for every other type. An empty payload still gets its header.
     *
     * <p>A payload too large for its header is not refused: see {@link #lengthHeader}.
     */
    public static Bytes encode(PacketType type, Bytes payload) {
        Objects.requireNonNull(payload, "payload");
        return lengthHeader(type, payload.size()).concat(payload);
    }

    /**
     * The big-endian length header gen_tcp puts before a {@code size}-byte payload with
     * {@code {packet, 1|2|4}}; empty for the other types, which send data as it is. Gather-write it
     * before the payload to avoid copying the payload.
     *
     * <p><b>Oversize payloads, as Erlang does it:</b> gen_tcp does not check that the payload fits
     * its header. On Erlang/OTP 25, with both the inet driver and the socket backend,
     * {@code gen_tcp:send(S, <<0:300/unit:8>>)} on a {@code {packet, 1}} socket returns {@code ok}
     * and writes the length 300 mod 256 = 44, then all 300 bytes: the peer reads a 44-byte packet
     * and takes the rest as the next header. This method computes that same header, the length
     * modulo 2<sup>8&middot;n</sup>, so an otpnet socket puts on the wire exactly what an Erlang
     * socket would. Check {@link #fitsLengthHeader} first to refuse such a send instead.
     *
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public static Bytes lengthHeader(PacketType type, long size) {
        Objects.requireNonNull(type, "type");
        if (size < 0) {
            throw new IllegalArgumentException("a payload size cannot be negative: " + size);
        }
        int hlen = type.lengthHeader();
        if (hlen == 0) {
            return Bytes.EMPTY;
        }
        byte[] header = new byte[hlen];
        for (int i = hlen - 1; i >= 0; i--) {
            header[i] = (byte) (size >>> (8 * (hlen - 1 - i)));
        }
        return Bytes.wrap(header);
    }

    /**
     * Whether a {@code size}-byte payload's length fits the header of {@code type}: at most 255 for
     * 1, 65535 for 2, 4294967295 for 4; always for types without a length header.
     */
    public static boolean fitsLengthHeader(PacketType type, long size) {
        int hlen = type.lengthHeader();
        return size >= 0 && (hlen == 0 || size >>> (8 * hlen) == 0);
    }
}
