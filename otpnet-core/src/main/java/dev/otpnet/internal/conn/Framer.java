package dev.otpnet.internal.conn;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.Headed;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Reason;
import dev.otpnet.internal.packet.Codec;
import dev.otpnet.internal.packet.StreamDecoder;
import dev.otpnet.packet.PacketOptions;
import dev.otpnet.packet.PacketType;
import java.nio.ByteBuffer;

/**
 * A socket's framing: cuts the receive buffer into packets per the socket's current
 * {@code {packet, Type}} and presents them as the owner expects (bytes, byte-char strings,
 * {@link Headed}, http records).
 *
 * <p>The decoder is kept while the packet type and its options stay the same, so a partial packet
 * is resumed rather than re-parsed; when they change, a new one takes over the http state, as
 * gen_tcp's socket keeps it whatever its options. A framing error is sticky: the stream is out of
 * step and nothing after it is decoded.
 *
 * <p>Thread confinement: used only under the receiver's lock.
 */
final class Framer {
    private StreamDecoder decoder;
    private PacketType decoderType;
    private PacketOptions decoderOptions;
    /** gen_tcp's http_state, kept by the socket across decoders: the next http line is a header. */
    private boolean httpInHeaders;
    private int needed;
    /** Whether {@link #needed} is the exact size of the next packet (a header announced it), not a guess. */
    private boolean exact;
    private Reason error;

    /**
     * One packet from the remaining bytes of {@code buf}, consumed; or null, when {@link #needed()}
     * says how many buffered bytes it takes, or {@link #error()} why the bytes are not a packet.
     * {@code length} > 0 asks raw mode for exactly that many bytes.
     */
    Object next(ByteBuffer buf, Codec.Slicer slicer, Settings s, int length, Counters counters) {
        if (error != null) {
            return null;
        }
        int available = buf.remaining();
        if (s.packet() == PacketType.RAW) {
            int want = length > 0 ? length : 1;
            if (available < want) {
                needed = want;
                exact = length > 0;
                return null;
            }
            int n = length > 0 ? length : available;
            Bytes packet = slicer.slice(buf, buf.position(), n);
            buf.position(buf.position() + n);
            counters.addPacket(n);
            return packet;
        }
        StreamDecoder d = decoderFor(s);
        try {
            int before = buf.position();
            Object packet = d.decode(buf, slicer);
            if (packet != null) {
                counters.addPacket(buf.position() - before);
                return packet;
            }
            needed = Math.max(d.expectedSize(), available + 1);
            exact = d.expectedSize() > available;
            return null;
        } catch (InetException e) {
            error = e.reason();
            return null;
        }
    }

    /** After {@link #next} gave nothing: the number of buffered bytes the next packet needs at least. */
    int needed() {
        return needed;
    }

    /** After {@link #next} gave nothing: whether {@link #needed} is exactly the next packet's size. */
    boolean exact() {
        return exact;
    }

    /** The framing error met, or null. */
    Reason error() {
        return error;
    }

    /**
     * The decoder for the socket's current settings, kept while the packet type and the options a
     * decoder needs stay the same. Compared field by field, so the common case (nothing changed)
     * allocates nothing: this runs once per packet.
     */
    private StreamDecoder decoderFor(Settings s) {
        if (decoder == null || decoderType != s.packet() || !sameOptions(s)) {
            if (decoder != null && decoderType.isHttp()) {
                httpInHeaders = decoder.httpInHeaders();
            }
            PacketOptions options = s.packetOptions();
            decoder = new StreamDecoder(s.packet(), options, httpInHeaders);
            decoderType = s.packet();
            decoderOptions = options;
        }
        return decoder;
    }

    /** Whether {@code s} gives the decoder the options it was made with (see {@link Settings#packetOptions}). */
    private boolean sameOptions(Settings s) {
        return decoderOptions.packetSize() == s.packetSize()
                && decoderOptions.lineDelimiter() == (byte) s.lineDelimiter()
                && decoderOptions.lineLength() == (s.packet().isHttp() ? s.buffer() : PacketOptions.DEFAULT.lineLength());
    }

    /** The packet as the owner sees it: bytes in binary mode, a byte-char string in list mode. */
    static Object present(Settings s, Object packet) {
        if (!(packet instanceof Bytes b)) {
            return packet;
        }
        if (!s.binary()) {
            return b.latin1();
        }
        if (s.header() > 0) {
            return b.size() < s.header() ? b.latin1()
                    : new Headed(b.slice(0, s.header()).latin1(), b.slice(s.header(), b.size()));
        }
        return b;
    }
}
