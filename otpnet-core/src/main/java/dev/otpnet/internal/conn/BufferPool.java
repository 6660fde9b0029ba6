package dev.otpnet.internal.conn;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Receive buffers of one size shared by every socket of the JVM, so a socket that is streaming
 * takes one when a read fills its small idle buffer and gives it back as soon as its bytes are
 * consumed, and idle sockets hold none.
 *
 * <p>Direct buffers: the JDK reads into a heap buffer by reading into a temporary direct buffer
 * and copying, so a streaming socket reading into one of these saves that copy (the framer copies
 * each packet out once either way). Bounded: at most {@link #MAX_DIRECT} direct buffers are ever
 * made (8 MiB of native memory); past that, or past {@link #KEPT} free ones, {@link #take} gives
 * heap buffers and {@link #give} leaves them to the garbage collector, so no load allocates
 * direct memory over and over. A direct buffer dropped while a read may still write into it
 * (at close) is counted out, its memory going with its cleaner.
 *
 * <p>Thread-safe. A buffer's bytes are never handed to a consumer (packets are copied out), so
 * a buffer given back may be reused at once.
 */
final class BufferPool {
    static final int CAPACITY = 32 * 1024;
    static final int KEPT = 64;
    static final int MAX_DIRECT = 256;
    private static final ArrayBlockingQueue<ByteBuffer> FREE = new ArrayBlockingQueue<>(KEPT);
    private static final AtomicInteger DIRECT = new AtomicInteger();

    private BufferPool() {
    }

    /** A cleared buffer of {@link #CAPACITY} bytes: a pooled or new direct one, or a heap one past the bound. */
    static ByteBuffer take() {
        ByteBuffer b = FREE.poll();
        if (b != null) {
            return b.clear();
        }
        if (DIRECT.incrementAndGet() <= MAX_DIRECT) {
            return ByteBuffer.allocateDirect(CAPACITY);
        }
        DIRECT.decrementAndGet();
        return ByteBuffer.allocate(CAPACITY);
    }

    /** Whether {@code b} came from {@link #take} as a direct buffer. */
    static boolean isPooled(ByteBuffer b) {
        return b.isDirect() && b.capacity() == CAPACITY;
    }

    /** Gives back a direct buffer nobody uses any more. */
    static void give(ByteBuffer b) {
        if (isPooled(b) && !FREE.offer(b)) {
            DIRECT.decrementAndGet();
        }
    }

    /** A direct buffer that a read may still be writing into is let go rather than given back. */
    static void drop(ByteBuffer b) {
        if (isPooled(b)) {
            DIRECT.decrementAndGet();
        }
    }
}
