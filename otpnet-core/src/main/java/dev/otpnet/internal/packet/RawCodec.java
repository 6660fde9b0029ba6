package dev.otpnet.internal.packet;

import java.nio.ByteBuffer;

/**
 * {@code raw} / {@code 0}: no framing. Whatever bytes are there form one packet; with none there is
 * no packet yet. {@code packet_size} does not apply.
 *
 * <pre>
 * +---------------------------+
 * | bytes, as many as arrived |
 * +---------------------------+
 * </pre>
 */
public final class RawCodec implements Codec {

    @Override
    public int length(ByteBuffer in) {
        return in.remaining();
    }

    @Override
    public Object packet(ByteBuffer in, int length, Slicer slicer) {
        return slicer.slice(in, in.position(), length);
    }
}
