package dev.otpnet.internal.conn;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The bytes a socket's sends left for its drainer to write: Erlang's driver queue, with its byte
 * count and the busy state that {@code high_watermark} and {@code low_watermark} drive.
 *
 * <pre>
 *   a send that may not write now ──{@link #add}──────▶ [ b1 b2 b3 ] ──{@link #takeBatch}──▶ one gathering write
 *   what the fast path's write left ──{@link #putBack}─▶ front               ──{@link #written}──▶ count falls
 *
 *   count &gt; high_watermark ─▶ busy (senders wait) ─▶ count &lt; low_watermark ─▶ not busy
 * </pre>
 *
 * <p>The count covers the batch being written too: it falls only when the write is done, so a
 * sender cannot slip past the high watermark while the drainer holds the queue's bytes.
 *
 * <p>Memory: no buffers at all until a send first has to queue; most sockets never do.
 *
 * <p>Thread confinement: every call under the {@link Sender}'s lock.
 */
final class DriverQueue {
    private ArrayDeque<ByteBuffer> buffers;
    private long bytes;
    private boolean busy;

    /** Bytes queued or being written by the drainer: Erlang's {@code send_pend}. */
    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return buffers == null || buffers.isEmpty();
    }

    /** More than {@code high_watermark} bytes were queued and the count has not yet fallen below {@code low_watermark}. */
    boolean isBusy() {
        return busy;
    }

    /** Queues a packet: its length header (or null) and body, {@code size} bytes in all. */
    void add(ByteBuffer header, ByteBuffer body, long size, int highWatermark) {
        ArrayDeque<ByteBuffer> q = buffers();
        if (header != null) {
            q.add(header);
        }
        q.add(body);
        grew(size, highWatermark);
    }

    /** Puts what {@code srcs} still hold back at the front, in order; returns how many bytes that was. */
    long putBack(ByteBuffer[] srcs, int highWatermark) {
        long left = 0;
        for (int i = srcs.length - 1; i >= 0; i--) {
            if (srcs[i].hasRemaining()) {
                left += srcs[i].remaining();
                buffers().addFirst(srcs[i]);
            }
        }
        if (left > 0) {
            grew(left, highWatermark);
        }
        return left;
    }

    /** Everything queued, for one write, oldest first; it still counts until {@link #written}. */
    ByteBuffer[] takeBatch() {
        ByteBuffer[] batch = buffers.toArray(new ByteBuffer[0]);
        buffers.clear();
        return batch;
    }

    /** A batch of {@code n} bytes was written (or failed); true if that ended the busy state. */
    boolean written(long n, int lowWatermark) {
        bytes -= n;
        if (busy && bytes < lowWatermark) {
            busy = false;
            return true;
        }
        return false;
    }

    /** Drops everything queued (the socket failed): nothing is pending and nobody needs to wait. */
    void clear() {
        if (buffers != null) {
            buffers.clear();
        }
        bytes = 0;
        busy = false;
    }

    private ArrayDeque<ByteBuffer> buffers() {
        if (buffers == null) {
            buffers = new ArrayDeque<>(4);
        }
        return buffers;
    }

    private void grew(long n, int highWatermark) {
        bytes += n;
        if (bytes > highWatermark) {
            busy = true;
        }
    }
}
