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
 *
 * <p>When {@code line_length} is set it stands for the socket's receive buffer, and the decoder
 * sees the stream as gen_tcp's inet driver does: of a packet whose length is not known yet (a
 * line, an http line, an incomplete header) the driver holds at most a buffer's worth, growing it
 * once to {@code packet_size} if that is larger; a packet still undecided when that much has
 * arrived is {@code emsgsize}. So, unlike {@code decode_packet} on one big binary, a {@code line}
 * socket whose {@code packet_size} exceeds its buffer cuts long lines instead of failing, and an
 * http header line that exactly fills the buffer fails, because the driver cannot look at the next
 * byte to rule out a folded line. This also makes the outcome independent of how reads split the
 * stream.
 */
public final class StreamDecoder implements PacketDecoder {
    private final PacketType type;
    private final PacketOptions options;
    private final Codec codec;
    /** How much of a packet of unknown length the socket can hold; 0 = unbounded. */
    private final int window;
    private int expected = -1;

    public StreamDecoder(PacketType type, PacketOptions options) {
        this(type, options, false);
    }

    /**
     * A decoder that continues a stream after a socket's options changed: for the http types it
     * starts in the http_state given, as gen_tcp keeps that state across {@code setopts} (even
     * across a switch to another packet type and back), so a request line read in {@code http_bin}
     * is followed by header lines in {@code http}.
     *
     * @param httpInHeaders whether the next http line is a header line (see {@link #httpInHeaders})
     */
    public StreamDecoder(PacketType type, PacketOptions options, boolean httpInHeaders) {
        this.type = type;
        this.options = options;
        this.codec = Codec.of(type, options, true);
        this.window = options.lineLength() == 0 ? 0 : Math.max(options.lineLength(), options.packetSize());
        if (codec instanceof HttpCodec http) {
            http.resume(httpInHeaders);
        }
    }

    /**
     * For the http types, gen_tcp's http_state: true after a request or status line (and after
     * any line in {@code httph}), false after {@code http_eoh}. False for the other types.
     */
    public boolean httpInHeaders() {
        return codec instanceof HttpCodec http && http.inHeaders();
    }

    @Override
    public Object decode(ByteBuffer in) throws InetException {
        return decode(in, Codec.Slicer.COPY);
    }

    /**
     * As {@link #decode(ByteBuffer)}, with the packet's bytes taken out of {@code in} by
     * {@code slicer} (a copy, or a view when the caller gives up those bytes for good).
     */
    public Object decode(ByteBuffer in, Codec.Slicer slicer) throws InetException {
        ByteBuffer view = in;
        if (window != 0 && in.remaining() > window) {
            view = in.duplicate().limit(in.position() + window);
        }
        int length = codec.length(view);
        if (length == Codec.NEED_MORE && window != 0 && view.remaining() >= window) {
            length = Codec.TOO_LARGE;
        }
        if (length < 0) {
            expected = -1;
            throw new InetException(Posix.EMSGSIZE, detail(length), null);
        }
        if (length == Codec.NEED_MORE || length > in.remaining()) {
            expected = length == Codec.NEED_MORE ? -1 : length;
            return null;
        }
        expected = -1;
        Object packet = codec.packet(in, length, slicer);
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
        if (options.packetSize() != 0) {
            return "a " + type + " packet larger than {packet_size," + options.packetSize() + "}";
        }
        if (window != 0) {
            return "a " + type + " packet that does not fit the " + window + "-byte receive buffer";
        }
        return "a " + type + " packet larger than 2147483647 bytes";
    }

    @Override
    public String toString() {
        return "PacketDecoder{packet," + type + "}" + options;
    }
}
