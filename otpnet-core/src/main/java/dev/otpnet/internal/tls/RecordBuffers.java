package dev.otpnet.internal.tls;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Buffers of one size for TLS records, shared by every TLS connection of the JVM, so that an
 * idle connection holds none: its ciphertext in and out and its unwrapped plaintext are taken
 * when bytes move and given back when they are empty. {@link #INBOUND} holds one record
 * ({@code netIn}, {@code appIn}), {@link #OUTBOUND} two ({@code netOut}).
 *
 * <p>Heap buffers; at most {@link #KEPT} free ones per size are kept, the rest left to the
 * garbage collector. A request larger than the size (an engine that asks for larger records)
 * gets a buffer of its own that is never kept. A buffer's bytes are never handed out of
 * {@code internal/tls} (plaintext is copied to the caller), so one given back may be reused at
 * once. Thread-safe.
 */
final class RecordBuffers {
    /** Above the JDK's largest TLS record (16,709 bytes) and application buffer (16,704). */
    static final RecordBuffers INBOUND = new RecordBuffers(17 * 1024);
    /** Two records. */
    static final RecordBuffers OUTBOUND = new RecordBuffers(34 * 1024);
    static final int KEPT = 64;

    private final int size;
    private final ArrayBlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(KEPT);

    private RecordBuffers(int size) {
        this.size = size;
    }

    /** A cleared heap buffer of at least {@code capacity} bytes. */
    ByteBuffer take(int capacity) {
        if (capacity > size) {
            return ByteBuffer.allocate(capacity);
        }
        ByteBuffer b = free.poll();
        return b != null ? b.clear() : ByteBuffer.allocate(size);
    }

    /** Gives back a buffer nobody refers to any more (one not of this size is just dropped). */
    void give(ByteBuffer b) {
        if (b != null && b.capacity() == size) {
            free.offer(b);
        }
    }
}
