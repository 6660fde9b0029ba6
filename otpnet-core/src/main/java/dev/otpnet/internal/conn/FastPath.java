package dev.otpnet.internal.conn;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Reason;
import dev.otpnet.internal.wire.Failures;
import dev.otpnet.internal.wire.Wire;
import java.nio.ByteBuffer;

/**
 * A {@link Sender}'s fast path: on an idle socket the caller writes its packet once itself, with
 * no hand-off when the kernel takes it all; what the kernel leaves goes back to the
 * {@code Sender} for its drainer ({@link Sender#afterWrite}).
 *
 * <pre>
 *   packet ≤ 16 KiB, a pooled buffer free ──▶ header and body assembled in it ──▶ one write ──▶ rest copied out
 *   otherwise                              ──▶ [header, body] as they are     ──▶ one write ──▶ rest as it is
 * </pre>
 *
 * <p>Also writes a packet's length header, which a queued packet needs as well.
 *
 * <p>Thread confinement: stateless. {@link #write} runs on the sending caller's thread without
 * the {@code Sender}'s lock, while that caller owns the wire (the {@code Sender} marked it as
 * draining for it); the outcome goes back through {@code Sender.afterWrite}, which takes the lock.
 * Anything but an I/O failure (memory running out while a buffer is taken, the packet copied or
 * the rest kept) leaves {@link #write} as it is, and the {@code Sender} gives the wire up.
 */
final class FastPath {
    private static final ByteBuffer[] NOTHING = new ByteBuffer[0];

    private FastPath() {
    }

    /**
     * Writes {@code data} behind its {@code headerLength}-byte length header, {@code size} bytes in
     * all, once, on the caller's thread; hands the outcome to {@code sender}.
     */
    static void write(Sender sender, Wire wire, int headerLength, Bytes data, long size, Settings s)
            throws InetException {
        ByteBuffer out = size <= OutBuffers.CAPACITY ? OutBuffers.take() : null;
        if (out == null) {
            ByteBuffer header = header(headerLength, data);
            ByteBuffer body = data.asByteBuffer();
            writeOnce(sender, wire, header == null ? new ByteBuffer[] {body} : new ByteBuffer[] {header, body}, s);
            return;
        }
        try {
            putHeader(out, headerLength, data.size());
            data.copyTo(out);
            writeOnce(sender, wire, out.flip(), s);
        } finally {
            OutBuffers.give(out);
        }
    }

    /** The length header of a packet of {@code data}, or null for none. */
    static ByteBuffer header(int headerLength, Bytes data) {
        if (headerLength == 0) {
            return null;
        }
        ByteBuffer h = ByteBuffer.allocate(headerLength);
        putHeader(h, headerLength, data.size());
        return h.flip();
    }

    /** Puts the {@code headerLength}-byte big-endian length header of a {@code size}-byte packet (0: none). */
    private static void putHeader(ByteBuffer b, int headerLength, int size) {
        switch (headerLength) {
            case 0 -> { }
            case 1 -> b.put((byte) size);
            case 2 -> b.putShort((short) size);
            default -> b.putInt(size);
        }
    }

    /**
     * For a small packet assembled in a pooled direct buffer: one write; what the kernel leaves is
     * copied out of the pooled buffer (which goes back at once) and queued.
     */
    private static void writeOnce(Sender sender, Wire wire, ByteBuffer out, Settings s) throws InetException {
        Reason failed = null;
        try {
            wire.writeSome(out);
        } catch (Exception e) {
            failed = Failures.classify(e);
        }
        ByteBuffer rest = null;
        if (failed == null && out.hasRemaining()) {
            rest = ByteBuffer.allocate(out.remaining()).put(out).flip();
        }
        sender.afterWrite(failed, rest == null ? NOTHING : new ByteBuffer[] {rest}, s);
    }

    /**
     * One write, which the kernel takes whole on an idle socket; whatever it leaves goes to the
     * front of the queue for a drainer, and the caller returns, as Erlang's send does once its
     * bytes are in the port's queue.
     */
    private static void writeOnce(Sender sender, Wire wire, ByteBuffer[] srcs, Settings s) throws InetException {
        Reason failed = null;
        try {
            wire.writeSome(srcs);
        } catch (Exception e) {
            failed = Failures.classify(e);
        }
        sender.afterWrite(failed, srcs, s);
    }
}
