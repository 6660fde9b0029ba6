package dev.otpnet.internal.conn;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Receive buffers of one size shared by every socket of the JVM, so a socket that is streaming
 * takes one when a read fills its small idle buffer and gives it back as soon as its bytes are
 * consumed, and idle sockets hold none. Bounded: past {@link #KEPT} free buffers, returned ones
 * are left to the garbage collector.
 *
 * <p>Thread-safe. A buffer's bytes are never handed to a consumer (packets are copied out), so
 * a buffer given back may be reused at once.
 */
final class BufferPool {
    static final int CAPACITY = 32 * 1024;
    static final int KEPT = 64;
    private static final ArrayBlockingQueue<byte[]> FREE = new ArrayBlockingQueue<>(KEPT);

    private BufferPool() {
    }

    static byte[] take() {
        byte[] a = FREE.poll();
        return a != null ? a : new byte[CAPACITY];
    }

    static void give(byte[] a) {
        if (a.length == CAPACITY) {
            FREE.offer(a);
        }
    }
}
