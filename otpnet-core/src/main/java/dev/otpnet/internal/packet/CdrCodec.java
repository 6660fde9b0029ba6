package dev.otpnet.internal.packet;

import java.nio.ByteBuffer;

/**
 * {@code cdr}: a CORBA GIOP message. A 12-byte header, magic {@code GIOP}, whose message size is in
 * the byte order that bit 0 of the flags byte names (0 big-endian, 1 little-endian). The packet
 * keeps the header.
 *
 * <pre>
 * +---+---+---+---+-------+-------+-------+---------+----------------------+
 * | G | I | O | P | major | minor | flags | msgtype | message size (32 bit)|
 * +---+---+---+---+-------+-------+-------+---------+----------------------+
 * |  message body: size bytes ...                                          |
 * +------------------------------------------------------------------------+
 *   flags bit 0: byte order of the size; packet = header + body
 * </pre>
 *
 * <p>Bad magic is invalid; version, the other flags and the message type are not looked at.
 */
public final class CdrCodec implements Codec {
    private static final int HLEN = 12;
    private final int packetSize;

    CdrCodec(int packetSize) {
        this.packetSize = packetSize;
    }

    @Override
    public int length(ByteBuffer in) {
        if (in.remaining() < HLEN) {
            return NEED_MORE;
        }
        int p = in.position();
        if (in.get(p) != 'G' || in.get(p + 1) != 'I' || in.get(p + 2) != 'O' || in.get(p + 3) != 'P') {
            return INVALID;
        }
        long size = Codec.unsigned(in, p + 8, 4);
        if ((in.get(p + 6) & 0x01) != 0) {
            size = Integer.toUnsignedLong(Integer.reverseBytes((int) size));
        }
        return Codec.remain(HLEN, size, packetSize);
    }

    @Override
    public Object packet(ByteBuffer in, int length, Slicer slicer) {
        return slicer.slice(in, in.position(), length);
    }
}
