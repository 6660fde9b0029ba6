package dev.otpnet.internal.conn;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers in which a small packet is assembled, header and body together, for one write.
 *
 * <p>Why: the JDK writes a heap buffer by copying it into a temporary direct buffer first, and a
 * gathering write of a header and a body does that once per buffer and then {@code writev}s them.
 * Assembling the packet in a direct buffer costs the same one copy, and the kernel then gets one
 * plain {@code write} of one buffer. Shared by every socket of the JVM, so an idle socket holds
 * none; bounded: at most {@link #MAX} are ever allocated, and when all are in use the caller
 * writes its heap buffers as before (so no load allocates direct memory over and over).
 *
 * <p>Thread-safe. A buffer is held only for the duration of one write.
 */
final class OutBuffers {
    static final int CAPACITY = 16 * 1024;
    static final int MAX = 64;
    private static final ArrayBlockingQueue<ByteBuffer> FREE = new ArrayBlockingQueue<>(MAX);
    private static final AtomicInteger CREATED = new AtomicInteger();

    private OutBuffers() {
    }

    /** A cleared direct buffer of {@link #CAPACITY} bytes, or null when all {@link #MAX} are in use. */
    static ByteBuffer take() {
        ByteBuffer b = FREE.poll();
        if (b != null) {
            return b.clear();
        }
        if (CREATED.incrementAndGet() <= MAX) {
            return ByteBuffer.allocateDirect(CAPACITY);
        }
        CREATED.decrementAndGet();
        return null;
    }

    static void give(ByteBuffer b) {
        FREE.offer(b);
    }
}
