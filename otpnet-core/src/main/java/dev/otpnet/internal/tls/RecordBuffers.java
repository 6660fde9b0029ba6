package dev.otpnet.internal.tls;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Buffers of one size for TLS records, shared by every TLS connection of the JVM, so that an
 * idle connection holds none: its ciphertext in and out and its unwrapped plaintext are taken
 * when bytes move and given back when they are empty. {@link #inbound} buffers hold one record
 * ({@code netIn}, {@code appIn}), {@link #outbound} ones two ({@code netOut}), {@link #idle} ones a short record (the read of a connection that
 * may be idle); a native engine
 * gets direct buffers, the JDK's engine heap ones.
 *
 * <p>At most {@link #KEPT} free buffers per kind are kept (3.3 MiB of heap and as much direct
 * memory at most, with the small idle ones), the rest left to the garbage collector. A request larger than the size (an
 * engine that asks for larger records) gets a buffer of its own that is never kept. A buffer's
 * bytes are never handed out of {@code internal/tls} (plaintext is copied to the caller, and the
 * engines use the buffers only during a call), so one given back may be reused at once.
 * Thread-safe.
 */
final class RecordBuffers {
    /** Above the largest TLS record the engines ask for (16,709 bytes) and their application buffer. */
    private static final int RECORD = 17 * 1024;
    static final int KEPT = 64;
    private static final RecordBuffers HEAP_IN = new RecordBuffers(RECORD, false);
    private static final RecordBuffers HEAP_OUT = new RecordBuffers(2 * RECORD, false);
    private static final RecordBuffers DIRECT_IN = new RecordBuffers(RECORD, true);
    private static final RecordBuffers DIRECT_OUT = new RecordBuffers(2 * RECORD, true);
    private static final RecordBuffers HEAP_IDLE = new RecordBuffers(InboundBuffers.IDLE_IN, false);
    private static final RecordBuffers DIRECT_IDLE = new RecordBuffers(InboundBuffers.IDLE_IN, true);

    private final int size;
    private final boolean direct;
    private final ArrayBlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(KEPT);

    private RecordBuffers(int size, boolean direct) {
        this.size = size;
        this.direct = direct;
    }

    /** Buffers for one record, direct or not. */
    static RecordBuffers inbound(boolean direct) {
        return direct ? DIRECT_IN : HEAP_IN;
    }

    /** Buffers for two records, direct or not. */
    static RecordBuffers outbound(boolean direct) {
        return direct ? DIRECT_OUT : HEAP_OUT;
    }

    /** Small buffers for the read of a connection that may be idle ({@link InboundBuffers#IDLE_IN}). */
    static RecordBuffers idle(boolean direct) {
        return direct ? DIRECT_IDLE : HEAP_IDLE;
    }

    /** A cleared buffer of at least {@code capacity} bytes. */
    ByteBuffer take(int capacity) {
        if (capacity > size) {
            return allocate(capacity);
        }
        ByteBuffer b = free.poll();
        return b != null ? b.clear() : allocate(size);
    }

    /** Gives back a buffer nobody refers to any more (one not of this kind is just dropped). */
    void give(ByteBuffer b) {
        if (b != null && b.capacity() == size && b.isDirect() == direct) {
            free.offer(b);
        }
    }

    private ByteBuffer allocate(int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }
}
