package dev.otpnet.internal.conn;

import dev.otpnet.inet.Inet;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.internal.time.Deadline;
import dev.otpnet.internal.wire.Failures;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The send side of a socket: Erlang's driver queue.
 *
 * <pre>
 *   send ──▶ [ queue (bytes ≤ high_watermark, else senders wait) ] ──drain──▶ wire.write
 * </pre>
 *
 * <p>A send enqueues its bytes. If nobody is draining, someone starts: with the default
 * {@code {send_timeout, infinity}} (and no {@code delay_send}) the sender drains the queue itself,
 * so a send on an idle socket is one write on the caller's thread; otherwise a virtual thread
 * drains it in the background so the sender can give up after {@code send_timeout}. While more
 * than {@code high_watermark} bytes are queued the socket is busy and senders wait until it falls
 * below {@code low_watermark}, bounded by {@code send_timeout} ({@code timeout}, and with
 * {@code send_timeout_close} the socket closes). A shutdown or close asked for while bytes are
 * queued happens after they are written.
 *
 * <p>Thread confinement: state is guarded by {@link #lock}; the wire is written by one drainer at
 * a time, with the lock released.
 */
final class Sender {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notBusy = lock.newCondition();
    private final Conn conn;
    private final Counters counters = new Counters();
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private long queued;
    private boolean draining;
    private boolean busy;
    private boolean shutdownPending;
    private boolean closePending;
    private boolean outputShut;
    private Reason failure;

    Sender(Conn conn) {
        this.conn = conn;
    }

    /** Queues {@code header} (may be null) and {@code body} as one packet and sees that they get written. */
    void send(ByteBuffer header, ByteBuffer body) throws InetException {
        Settings s = conn.settings();
        long size = body.remaining() + (header == null ? 0 : header.remaining());
        boolean drainHere;
        lock.lock();
        try {
            check();
            if (busy) {
                awaitNotBusy(s);
            }
            if (header != null) {
                queue.add(header);
            }
            queue.add(body);
            queued += size;
            counters.addOctets(size);
            counters.addPacket(size);
            if (queued > s.highWatermark()) {
                busy = true;
            }
            if (draining) {
                return;
            }
            draining = true;
            drainHere = s.sendTimeout() == Inet.INFINITY && !s.delaySend();
        } finally {
            lock.unlock();
        }
        if (drainHere) {
            drain();
            lock.lock();
            try {
                if (failure != null) {
                    throw new InetException(visible(failure));
                }
            } finally {
                lock.unlock();
            }
        } else {
            Thread.ofVirtual().name("otpnet-drain-" + conn.id()).start(this::drain);
        }
    }

    private void check() throws InetException {
        if (outputShut || shutdownPending || closePending || !conn.isOpen()) {
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
            while (busy) {
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
                notBusy.awaitNanos(wait);
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
                    queue.clear();
                    draining = false;
                    finishPending();
                    notBusy.signalAll();
                    return;
                }
                batch = queue.toArray(new ByteBuffer[0]);
                queue.clear();
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
                queued -= batchBytes;
                if (failed != null && failure == null) {
                    failure = failed;
                }
                if (busy && queued < conn.settings().lowWatermark()) {
                    busy = false;
                    notBusy.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Runs a shutdown or close that waited for the queue to empty. Called with the lock held. */
    private void finishPending() {
        if (shutdownPending && !outputShut) {
            outputShut = true;
            try {
                conn.wire().shutdownOutput();
            } catch (Exception ignored) {
                // the peer is gone; nothing more to tell it
            }
        }
        if (closePending) {
            conn.wire().close();
        }
    }

    /** shutdown(write): now, or after the queued bytes are written. */
    void shutdownOutput() throws InetException {
        lock.lock();
        try {
            if (outputShut || shutdownPending) {
                return;
            }
            if (draining) {
                shutdownPending = true;
                return;
            }
            outputShut = true;
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
                closePending = true;
                notBusy.signalAll();
                return false;
            }
            notBusy.signalAll();
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
                notBusy.await();
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
            notBusy.signalAll();
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
            out[9] = queued;
        } finally {
            lock.unlock();
        }
    }
}
