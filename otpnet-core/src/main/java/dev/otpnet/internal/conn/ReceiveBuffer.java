package dev.otpnet.internal.conn;

import dev.otpnet.inet.Bytes;
import dev.otpnet.internal.packet.Codec;
import java.nio.ByteBuffer;

/**
 * A socket's received but unconsumed bytes, held only while there are some.
 *
 * <pre>
 *   idle:       nothing (polled), or a small buffer a parked read waits in (IDLE_CAPACITY)
 *   streaming:  a pooled buffer, kept while reads keep filling it      (BufferPool.CAPACITY)
 *   a packet:   grown to the packet's size, doubling while it is unknown (at most GATHER_ABOVE)
 *   a huge one: gathered in chunks as it arrives, joined once when whole ({@link Gathering})
 * </pre>
 *
 * <p>A blocking read must offer a buffer before anything has arrived, so a parked reader
 * thread holds {@link #IDLE_CAPACITY} bytes; a polled socket lets even that go when a read finds
 * nothing ({@link #releaseWhileNothingCame}). Everything larger is taken when a read has filled
 * what it was offered (more is probably waiting) and given back to the pool as soon as the bytes
 * are consumed.
 * The small buffer is kept once made (with the view reads go through), so a socket that takes
 * one packet at a time ({@code {active, once}}) allocates nothing per read; a socket nobody has
 * read from holds nothing. No read offers the kernel more than
 * {@link #MAX_READ} bytes: the JDK copies through a native buffer the size of the offer, kept per
 * carrier thread for ever, so offering a huge free tail would cost that much native memory.
 *
 * <p>A packet that fills at least half of a heap buffer that is no one else's (one grown to a
 * large packet's size, typically) is handed to the owner as a view of that buffer rather than
 * copied ({@link #slicer}); the buffer is then lent: it is never written again, and the next read
 * goes to a fresh buffer (with any bytes after the packet copied over). The half bound keeps a
 * delivered packet from pinning much more memory than its own size. Pooled and idle buffers are
 * always copied from, since they are reused.
 *
 * <p>Thread confinement: used under the receiver's lock. Consumers only move the position of
 * {@link #bytes()}; only the reader calls {@link #space} and {@link #filled}.
 */
final class ReceiveBuffer {
    static final int IDLE_CAPACITY = 256;
    static final int MAX_READ = 64 * 1024;
    /** A packet announced larger than this is gathered in chunks rather than in one growing buffer. */
    static final int GATHER_ABOVE = 1 << 20;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** Unconsumed bytes between position and limit; the free tail is limit..capacity. */
    private ByteBuffer buf = EMPTY;
    /** A view of {@link #buf} for the reader to read into (the framer moves buf's position meanwhile); made once per buffer. */
    private ByteBuffer view;
    private Gathering gathering;
    /** {@link #buf}'s array backs a delivered packet: nothing may write into it again. */
    private boolean lent;
    /** The last read filled all it was offered: bytes are streaming in. */
    private boolean streaming;

    /**
     * How the framer takes a packet out of {@link #bytes()}: as a view when the packet fills at
     * least half of a buffer that may be lent (which lends it), otherwise as a copy.
     */
    final Codec.Slicer slicer = (in, from, length) -> {
        if (in == buf && buf.hasArray() && !BufferPool.isPooled(buf) && buf.capacity() > IDLE_CAPACITY
                && length >= buf.capacity() / 2) {
            lent = true;
            return Bytes.wrap(buf.array(), buf.arrayOffset() + from, length);
        }
        return Codec.Slicer.COPY.slice(in, from, length);
    };

    /** The unconsumed bytes, for the framer. Empty while a huge packet is being gathered. */
    ByteBuffer bytes() {
        return buf;
    }

    boolean isGathering() {
        return gathering != null;
    }

    /** The size of the huge packet being gathered (only while {@link #isGathering()}). */
    int gatheringTarget() {
        return gathering.target();
    }

    /** Bytes received and not consumed. */
    long buffered() {
        return gathering != null ? gathering.size() : buf.remaining();
    }

    /** Before the reader waits without reading: an empty buffer is let go, except the small idle one. */
    void releaseIfEmpty() {
        if (gathering == null && !buf.hasRemaining() && buf.capacity() != IDLE_CAPACITY) {
            release(true);
        }
    }

    /**
     * Before a polled reader arms for readiness after a read found nothing: an empty buffer of any
     * size is let go, since the next read comes only once the kernel has bytes. An idle socket on
     * the poller so holds no buffer; a busy one, whose reads find bytes, keeps its small one.
     */
    void releaseWhileNothingCame() {
        if (gathering == null && !buf.hasRemaining() && buf != EMPTY) {
            release(true);
        }
    }

    private void use(ByteBuffer b) {
        buf = b;
        view = null;
    }

    /**
     * Room for the next read, as a view over the free space (at most {@link #MAX_READ} bytes).
     * {@code target} is the number of buffered bytes the consumer needs; {@code exact}, whether
     * that is a packet's announced size rather than a guess.
     */
    ByteBuffer space(int target, boolean exact) {
        if (gathering != null) {
            return gathering.space(MAX_READ);
        }
        if (lent) {
            takeBackFromLent();
        }
        if (!buf.hasRemaining()) {
            int want = streaming || target > IDLE_CAPACITY ? BufferPool.CAPACITY : IDLE_CAPACITY;
            if (buf.capacity() != want) {
                release(true);
                use(want == BufferPool.CAPACITY ? BufferPool.take() : ByteBuffer.allocate(want));
            }
            buf.clear().limit(0);
        } else if (buf.limit() == buf.capacity()) {
            if (buf.position() > 0) {
                buf.compact().flip();
            } else if (exact && target > GATHER_ABOVE) {
                gathering = new Gathering(target, buf);
                release(true);
                return gathering.space(MAX_READ);
            } else {
                grow(target, exact);
            }
        }
        if (view == null) {
            view = buf.duplicate();
        }
        view.clear().position(buf.limit()).limit((int) Math.min(buf.capacity(), (long) buf.limit() + MAX_READ));
        return view;
    }

    /** Leaves a lent buffer for good: what is unconsumed in it moves to a fresh heap buffer. */
    private void takeBackFromLent() {
        ByteBuffer rest = buf;
        lent = false;
        use(EMPTY);
        if (rest.hasRemaining()) {
            use(ByteBuffer.allocate(Math.max(BufferPool.CAPACITY, rest.remaining())).put(rest).flip());
        }
    }

    /**
     * Grows a full buffer: to the packet's size when a header announced it (it is at most
     * {@link #GATHER_ABOVE}), otherwise by doubling, since a line or an http header has no
     * announced size.
     */
    private void grow(int target, boolean exact) {
        long size = exact ? Math.max(target, buf.capacity() + 1L) : Math.max(BufferPool.CAPACITY, buf.capacity() * 2L);
        int capacity = (int) Math.min(size, Integer.MAX_VALUE - 8);
        if (capacity <= buf.capacity()) {
            return;
        }
        ByteBuffer bigger = ByteBuffer.allocate(capacity);
        bigger.put(buf).flip();
        release(true);
        use(bigger);
    }

    /** After a read of {@code n} bytes into the last {@link #space}, which offered {@code offered}. */
    void filled(int n, int offered) {
        streaming = n == offered;
        if (gathering != null) {
            gathering.filled(n);
            if (gathering.complete()) {
                use(ByteBuffer.wrap(gathering.join()));
                gathering = null;
            }
        } else {
            buf.limit(buf.limit() + n);
        }
    }

    /** Every unconsumed byte, taken out (for a hand-over of the wire). */
    byte[] takeAll() {
        byte[] a;
        if (gathering != null) {
            a = gathering.join();
            gathering = null;
        } else {
            a = new byte[buf.remaining()];
            buf.get(a);
        }
        release(true);
        return a;
    }

    /**
     * Lets everything go. {@code reuse}: the buffer may go back to the pool (false while a read
     * may still be writing into it).
     */
    void release(boolean reuse) {
        if (reuse && !lent) {
            BufferPool.give(buf);
        } else {
            BufferPool.drop(buf);
        }
        use(EMPTY);
        lent = false;
        streaming = false;
    }

    /** Drops a packet being gathered, too (at close, or when memory ran out). */
    void releaseAll(boolean reuse) {
        gathering = null;
        release(reuse);
    }
}
