package dev.otpnet.internal.conn;

import dev.otpnet.inet.Inet;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.internal.time.Deadline;
import dev.otpnet.internal.wire.Failures;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The send side of a socket: Erlang's driver queue.
 *
 * <pre>
 *   send ──▶ one write on the caller's thread ──(what the kernel left)──▶ [ queue ] ──drain──▶ wire
 *        └─(queue not empty: someone is draining)─────────────────────────▶ [ queue ]
 * </pre>
 *
 * <p>The queue, its byte count and the watermarks' busy state are {@link DriverQueue}'s; the
 * caller's own write is {@link FastPath}'s; a shutdown or close that waits for the queue is
 * {@link SendEnd}'s; this class decides who writes when.
 *
 * <p>As in Erlang, a send returns once its bytes are written or queued; it never waits for a
 * peer to read. On an idle socket the caller writes once itself (the fast path: no hand-off
 * when the kernel takes it all); what the kernel does not take is queued and a virtual thread
 * drains it. While anything is queued, later sends just queue. While more than
 * {@code high_watermark} bytes are queued the socket is busy and senders wait until it falls
 * below {@code low_watermark}, bounded by {@code send_timeout} ({@code timeout}, and with
 * {@code send_timeout_close} the socket closes). So memory stays within the high watermark plus
 * one send. With a finite {@code send_timeout} or {@code delay_send} every send goes through
 * the queue, so no caller ever blocks in a write. A shutdown or close asked for while bytes are
 * queued happens after they are written ({@code {linger,{true,0}}} aborts at once instead).
 *
 * <p>On a polled wire (a gen_tcp socket: a non-blocking channel) the fast path's write takes
 * what fits and never waits. One departure on a blocking wire (TLS): the JDK has no "write what
 * fits without waiting" on a blocking channel. The fast path is skipped while the kernel's buffer
 * is known to be full (the last write left bytes behind), but if the buffer filled exactly with a
 * write that went whole, the next send's write waits for the kernel to take its first byte.
 *
 * <p>Thread confinement: state is guarded by {@link #lock}; the wire is written by one writer at
 * a time ({@link #draining}), with the lock released.
 */
final class Sender {
    private static final System.Logger LOG = System.getLogger(Sender.class.getName());
    private final ReentrantLock lock = new ReentrantLock();
    /** Senders wait here while the queue is busy, and a hand-over until it is written; made by the first to wait. */
    private Condition notBusy;
    private final Conn conn;
    private final Counters counters = new Counters();
    private final DriverQueue queue = new DriverQueue();
    /** Someone is writing: the caller of a fast-path send, or a drainer thread. */
    private boolean draining;
    /** The last write left bytes behind: the kernel's buffer was full, so sends queue rather than write. */
    private boolean kernelFull;
    /** A shutdown(write) or close asked for; null until the first. */
    private SendEnd end;
    private Reason failure;

    Sender(Conn conn) {
        this.conn = conn;
    }

    /**
     * Sends {@code data} as one packet behind a {@code headerLength}-byte length header (0, 1, 2
     * or 4; the caller checked that the size fits): written at once as far as the kernel takes
     * it, the rest queued for the drainer. Waits only while the queue is busy.
     */
    void send(int headerLength, Bytes data) throws InetException {
        Settings s = conn.settings();
        long size = data.size() + (long) headerLength;
        lock.lock();
        try {
            check();
            if (queue.isBusy()) {
                awaitNotBusy(s);
            }
            counters.addOctets(size);
            counters.addPacket(size);
            if (draining || s.sendTimeout() != Inet.INFINITY || s.delaySend() || kernelFull) {
                queue.add(FastPath.header(headerLength, data), data.asByteBuffer(), size, s.highWatermark());
                if (!draining) {
                    draining = true;
                    try {
                        startDrainer();
                    } catch (RuntimeException | Error t) {
                        broken(t); // the lock is reentrant
                        throw t;
                    }
                }
                return;
            }
            draining = true; // this caller owns the wire for one write
        } finally {
            lock.unlock();
        }
        try {
            FastPath.write(this, conn.wire(), headerLength, data, size, s);
        } catch (RuntimeException | Error t) {
            // Anywhere in the fast path (the write, a buffer, the copy, a drainer's start), not
            // only in the write: the wire must not stay owned by a caller that has left, or every
            // later send would queue for nobody.
            broken(t);
            throw t;
        }
    }

    /**
     * After a {@link FastPath} write, on the caller's thread (takes the lock): a failure is
     * recorded and thrown; what {@code srcs} still hold goes to the front of the queue for a
     * drainer; with nothing left, the caller gives the wire up.
     */
    void afterWrite(Reason failed, ByteBuffer[] srcs, Settings s) throws InetException {
        lock.lock();
        try {
            if (failed != null) {
                if (failure == null) {
                    failure = failed;
                }
                queue.clear();
                endDrain();
                throw new InetException(visible(failure));
            }
            if (queue.putBack(srcs, s.highWatermark()) > 0) {
                // The kernel's buffer is full: until a drainer has emptied the queue, sends queue.
                kernelFull = true;
            }
            if (queue.isEmpty()) {
                endDrain();
            } else {
                startDrainer();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a drainer for a queue marked draining. A thread that cannot start (no memory) leaves
     * the queue to nobody: the caller must give the wire up ({@link #broken}), as {@link #send} does.
     */
    private void startDrainer() {
        Thread.ofVirtual().name("otpnet-drain-" + conn.id()).start(() -> {
            try {
                drain();
            } catch (Throwable t) {
                broken(t);
            }
        });
    }

    /**
     * A writer met something other than an I/O failure (memory, a bug): the queued bytes are
     * dropped, the connection is aborted (the reader then reports its end to the owner), waiting
     * senders wake and later ones see {@code closed}. Nobody stays blocked on a writer that is gone.
     * Called by the writer (a drainer, or the caller in {@link FastPath}) without the lock, or by
     * a sender whose drainer could not start, with it.
     */
    void broken(Throwable t) {
        LOG.log(System.Logger.Level.ERROR, "otpnet: " + conn.handle() + " stopped sending", t);
        lock.lock();
        try {
            if (failure == null) {
                failure = t instanceof OutOfMemoryError ? Posix.ENOMEM : InetError.SYSTEM_LIMIT;
            }
            queue.clear();
            endDrain();
        } finally {
            lock.unlock();
        }
        conn.wire().abort();
    }

    /** Nobody writes any more: runs a pending shutdown or close and wakes waiters. Called with the lock held. */
    private void endDrain() {
        draining = false;
        if (end != null) {
            end.drained(conn.wire());
        }
        wakeSenders();
    }

    /** Wakes whoever waits for the queue (if anyone ever did). Called with the lock held. */
    private void wakeSenders() {
        if (notBusy != null) {
            notBusy.signalAll();
        }
    }

    private SendEnd end() {
        if (end == null) {
            end = new SendEnd();
        }
        return end;
    }

    private Condition notBusy() {
        if (notBusy == null) {
            notBusy = lock.newCondition();
        }
        return notBusy;
    }

    private void check() throws InetException {
        if ((end != null && end.refusesSends()) || !conn.isOpen()) {
            throw new InetException(InetError.CLOSED);
        }
        if (failure != null) {
            throw new InetException(visible(failure));
        }
    }

    private Reason visible(Reason r) {
        return r == Posix.ECONNRESET && conn.settings().showEconnreset() ? r : InetError.CLOSED;
    }

    private void awaitNotBusy(Settings s) throws InetException {
        Deadline deadline = Deadline.after(s.sendTimeout());
        try {
            while (queue.isBusy()) {
                check();
                long wait = deadline.remainingNanos();
                if (wait <= 0) {
                    if (s.sendTimeoutClose()) {
                        lock.unlock();
                        try {
                            conn.abortAfterSendTimeout();
                        } finally {
                            lock.lock();
                        }
                    }
                    throw new InetException(InetError.TIMEOUT);
                }
                notBusy().awaitNanos(wait);
            }
            check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InetException(InetError.CLOSED, "interrupted while sending", e);
        }
    }

    /** Writes the queue until it is empty, batch by batch, with the lock released during writes. */
    private void drain() {
        while (true) {
            ByteBuffer[] batch;
            long batchBytes = 0;
            lock.lock();
            try {
                if (queue.isEmpty() || failure != null) {
                    if (failure != null) {
                        queue.clear();
                    }
                    // The kernel took the last batch whole, so it has room again (or is about to).
                    kernelFull = false;
                    endDrain();
                    return;
                }
                batch = queue.takeBatch();
                for (ByteBuffer b : batch) {
                    batchBytes += b.remaining();
                }
            } finally {
                lock.unlock();
            }
            Reason failed = null;
            try {
                conn.wire().write(batch);
            } catch (Exception e) {
                failed = Failures.classify(e);
            }
            lock.lock();
            try {
                if (failed != null && failure == null) {
                    failure = failed;
                }
                if (queue.written(batchBytes, conn.settings().lowWatermark())) {
                    wakeSenders();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** shutdown(write): now, or after the queued bytes are written. */
    void shutdownOutput() throws InetException {
        lock.lock();
        try {
            if (!end().shutdown(draining)) {
                return;
            }
        } finally {
            lock.unlock();
        }
        try {
            conn.wire().shutdownOutput();
        } catch (Exception e) {
            throw Failures.toInet(e);
        }
    }

    /**
     * For close: true if the wire may be closed now; false if bytes are still queued, in which case
     * the drainer closes it after writing them.
     */
    boolean closeWhenDrained() {
        lock.lock();
        try {
            if (draining && failure == null) {
                end().closeWhenDrained();
                wakeSenders();
                return false;
            }
            wakeSenders();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every queued byte is written (for a hand-over of the wire). */
    void awaitIdle() throws InetException {
        lock.lock();
        try {
            while (draining) {
                notBusy().await();
            }
            if (failure != null) {
                throw new InetException(visible(failure));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InetException(InetError.CLOSED, "interrupted while waiting for sends", e);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes waiting senders after the socket closed; they see closed. */
    void wake() {
        lock.lock();
        try {
            wakeSenders();
        } finally {
            lock.unlock();
        }
    }

    void fillStats(long[] out) {
        lock.lock();
        try {
            out[5] = counters.octets;
            out[6] = counters.count;
            out[7] = counters.max;
            out[8] = counters.avg();
            out[9] = queue.bytes();
        } finally {
            lock.unlock();
        }
    }
}
