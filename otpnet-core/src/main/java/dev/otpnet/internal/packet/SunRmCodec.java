package dev.otpnet.internal.packet;

import java.nio.ByteBuffer;

/**
 * {@code sunrm}: the ONC RPC record mark of RFC 5531, a 4-byte big-endian word whose top bit flags
 * the last fragment and whose low 31 bits are the fragment length. The packet keeps the mark.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-------------------------------------------------------------+
 * |L|                 fragment length (31 bits)                   |
 * +-+-------------------------------------------------------------+
 * |                fragment: length bytes ...                     |
 * +---------------------------------------------------------------+
 *  packet = mark + fragment; L (last fragment) is ignored
 * </pre>
 */
public final class SunRmCodec implements Codec {
    private final int packetSize;

    SunRmCodec(int packetSize) {
        this.packetSize = packetSize;
    }

    @Override
    public int length(ByteBuffer in) {
        if (in.remaining() < 4) {
            return NEED_MORE;
        }
        return Codec.remain(4, Codec.unsigned(in, in.position(), 4) & 0x7fff_ffffL, packetSize);
    }

    @Override
    public Object packet(ByteBuffer in, int length, Slicer slicer) {
        return slicer.slice(in, in.position(), length);
    }
}
