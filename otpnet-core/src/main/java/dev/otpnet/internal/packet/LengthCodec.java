package dev.otpnet.internal.packet;

import java.nio.ByteBuffer;

/**
 * {@code 1}, {@code 2}, {@code 4}: a big-endian unsigned length, then that many bytes. The packet
 * is the body alone; the header is stripped.
 *
 * <pre>
 * {packet, 2}, a 5-byte body:
 * +--------+--------+------------------------+
 * |  0x00  |  0x05  |  body: 5 bytes         |
 * +--------+--------+------------------------+
 *  length (1, 2 or 4 bytes)  -->  packet = body
 * </pre>
 *
 * <p>{@code packet_size} bounds the announced length (header not counted) and is checked from the
 * header alone. Without it, a length whose packet would exceed 2<sup>31</sup>-1 bytes is invalid,
 * as in Erlang ({@code <<0,0,0,0x7f,...>>} does not fit).
 */
public final class LengthCodec implements Codec {
    private final int hlen;
    private final int packetSize;

    LengthCodec(int hlen, int packetSize) {
        this.hlen = hlen;
        this.packetSize = packetSize;
    }

    @Override
    public int length(ByteBuffer in) {
        if (in.remaining() < hlen) {
            return NEED_MORE;
        }
        return Codec.remain(hlen, Codec.unsigned(in, in.position(), hlen), packetSize);
    }

    @Override
    public Object packet(ByteBuffer in, int length, Slicer slicer) {
        return slicer.slice(in, in.position() + hlen, length - hlen);
    }
}
