package dev.otpnet.internal.packet;

import java.nio.ByteBuffer;

/**
 * {@code fcgi}: a FastCGI record. An 8-byte header (version 1), the content, then padding. The
 * packet is header and content; the padding is consumed but dropped, as Erlang does.
 *
 * <pre>
 * +---------+------+-------------------+------------------------+---------+----------+
 * | version | type | request id (16 BE) | content length (16 BE) | padding | reserved |
 * +---------+------+-------------------+------------------------+---------+----------+
 * |  content: content-length bytes ...   |  padding: padding-length bytes  |
 * +--------------------------------------+---------------------------------+
 *  packet = header + content             (dropped; the rest starts after it)
 * </pre>
 *
 * <p>A version other than 1 is invalid. {@code packet_size} bounds content plus padding, and the
 * size reported while waiting ({@code {more, N}}) includes the padding.
 */
public final class FcgiCodec implements Codec {
    private static final int HLEN = 8;
    private static final int VERSION_1 = 1;
    private final int packetSize;

    FcgiCodec(int packetSize) {
        this.packetSize = packetSize;
    }

    @Override
    public int length(ByteBuffer in) {
        if (in.remaining() < HLEN) {
            return NEED_MORE;
        }
        int p = in.position();
        if ((in.get(p) & 0xff) != VERSION_1) {
            return INVALID;
        }
        long body = Codec.unsigned(in, p + 4, 2) + (in.get(p + 6) & 0xff);
        return Codec.remain(HLEN, body, packetSize);
    }

    @Override
    public Object packet(ByteBuffer in, int length, Slicer slicer) {
        int padding = in.get(in.position() + 6) & 0xff;
        return slicer.slice(in, in.position(), length - padding);
    }
}
