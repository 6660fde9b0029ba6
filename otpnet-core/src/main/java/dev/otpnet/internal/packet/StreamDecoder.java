package dev.otpnet.internal.packet;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.packet.PacketDecoder;
import dev.otpnet.packet.PacketOptions;
import dev.otpnet.packet.PacketType;
import java.nio.ByteBuffer;

/**
 * The {@link PacketDecoder} of one socket: a {@link Codec} kept across reads, packets copied out of
 * the reader's buffer once, and every framing error reported as gen_tcp reports it,
 * {@code emsgsize}.
 */
public final class StreamDecoder implements PacketDecoder {
    private final PacketType type;
    private final PacketOptions options;
    private final Codec codec;
    private int expected = -1;

    public StreamDecoder(PacketType type, PacketOptions options) {
        this.type = type;
        this.options = options;
        this.codec = Codec.of(type, options);
    }

    @Override
    public Object decode(ByteBuffer in) throws InetException {
        int length = codec.length(in);
        if (length < 0) {
            expected = -1;
            throw new InetException(Posix.EMSGSIZE, detail(length), null);
        }
        if (length == Codec.NEED_MORE || length > in.remaining()) {
            expected = length == Codec.NEED_MORE ? -1 : length;
            return null;
        }
        expected = -1;
        Object packet = codec.packet(in, length, Codec.Slicer.COPY);
        in.position(in.position() + length);
        return packet;
    }

    @Override
    public int expectedSize() {
        return expected;
    }

    private String detail(int code) {
        if (code == Codec.INVALID) {
            return "the bytes are not a " + type + " packet header";
        }
        return options.packetSize() != 0
                ? "a " + type + " packet larger than {packet_size," + options.packetSize() + "}"
                : type.isHttp() && options.lineLength() != 0
                        ? "an http line longer than " + options.lineLength() + " bytes"
                        : "a " + type + " packet larger than 2147483647 bytes";
    }

    @Override
    public String toString() {
        return "PacketDecoder{packet," + type + "}" + options;
    }
}
