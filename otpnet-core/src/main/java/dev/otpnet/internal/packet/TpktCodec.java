package dev.otpnet.internal.packet;

import java.nio.ByteBuffer;

/**
 * {@code tpkt}: the ISO transport over TCP header of RFC 1006. Version 3, a reserved byte, then a
 * big-endian 16-bit length that counts the 4 header bytes too. The packet keeps the header.
 *
 * <pre>
 * +---------+----------+---------------------+
 * | vrsn=3  | reserved | length (16 bits BE) |
 * +---------+----------+---------------------+
 * |  TPDU: length - 4 bytes ...              |
 * +------------------------------------------+
 *  packet = header + TPDU
 * </pre>
 *
 * <p>Any other version is invalid; so is a length under 4, which Erlang computes in unsigned
 * arithmetic as a huge body. {@code packet_size} bounds length - 4.
 */
public final class TpktCodec implements Codec {
    private static final int VERSION = 3;
    private final int packetSize;

    TpktCodec(int packetSize) {
        this.packetSize = packetSize;
    }

    @Override
    public int length(ByteBuffer in) {
        if (in.remaining() < 4) {
            return NEED_MORE;
        }
        int p = in.position();
        if ((in.get(p) & 0xff) != VERSION) {
            return INVALID;
        }
        long body = (Codec.unsigned(in, p + 2, 2) - 4) & 0xffff_ffffL;
        return Codec.remain(4, body, packetSize);
    }

    @Override
    public Object packet(ByteBuffer in, int length, Slicer slicer) {
        return slicer.slice(in, in.position(), length);
    }
}
