package dev.otpnet.internal.conn;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.Reason;
import dev.otpnet.internal.wire.Failures;
import dev.otpnet.internal.wire.PolledWire;
import java.nio.ByteBuffer;

/**
 * The reader of a socket on a polled wire ({@link PolledWire}: a gen_tcp socket, or a TLS session over
 * one): no thread of its own. It
 * runs, under the receiver's lock, on whichever thread has a reason to move bytes: the
 * {@link dev.otpnet.internal.wire.WirePoller} when the kernel has bytes for the socket, or the
 * thread that just made the socket want some ({@code setopts} with {@code {active, once}}, a
 * {@code recv}). Every read is non-blocking; when there is nothing to read, read interest is
 * armed and the thread goes on with its own work.
 *
 * <pre>
 *   kernel has bytes ──poller──▶ {@link #fired} ─┐
 *   someone wants bytes ─────────▶ {@link #run} ──┴─▶ read what is there ─▶ decode ─▶ deliver / recv
 *                                                        └─ nothing there: arm, return
 * </pre>
 *
 * <p>Flow control is {@link ReadLoop}'s: bytes are read only while someone wants more than is
 * buffered. Read interest stays armed while the socket waits for bytes, and also after a
 * delivery that leaves it passive, so the re-arm that usually follows costs nothing; if bytes come
 * while nobody wants them, the poller's call finds nothing to do and disarms, the kernel's window
 * closes, and the next re-arm reads what is waiting.
 *
 * <p>Failures are {@link ReadLoop}'s too: any throwable ends in {@link Receiver#fault}. A thread
 * whose interrupt flag is set does not read (the read would close the channel); it arms and
 * leaves the read to the poller.
 */
final class ReadPump {
    private final Receiver r;
    private final ActiveDelivery active;
    private final PolledWire wire;
    /** Read interest is set with the poller (guarded by the receiver's lock). */
    private boolean armed;
    /** The poller reported bytes that nobody has read yet. */
    private boolean readable;
    /** A pump runs on this thread already (a delivery that closed the socket, say): it goes round once more. */
    private boolean running;
    private boolean again;

    ReadPump(Receiver r, ActiveDelivery active, PolledWire wire) {
        this.r = r;
        this.active = active;
        this.wire = wire;
    }

    /** On the poller thread: the kernel has bytes (or the end) for this socket. */
    void fired() {
        r.lock.lock();
        try {
            readable = true;
            run();
            if (readable && armed) {
                // Nobody wants them now: stop the level-triggered reports until someone does.
                armed = false;
                wire.disarmRead();
            }
        } finally {
            r.lock.unlock();
        }
    }

    /** Moves bytes while someone wants them. Called under the receiver's lock. */
    void run() {
        if (running) {
            again = true;
            return;
        }
        running = true;
        try {
            do {
                again = false;
                pump();
            } while (again);
        } catch (Throwable t) {
            r.fault(t);
        } finally {
            running = false;
        }
    }

    private void pump() {
        while (!r.stopped) {
            Settings s = r.conn.settings();
            if (s.isActive()) {
                if (active.deliverOne(s)) {
                    continue;
                }
                if (r.readEnd != null || r.framer.error() != null) {
                    active.deliverEnd(s);
                    return;
                }
            }
            if (r.readEnd != null || r.framer.error() != null || r.buffer.buffered() >= r.readTarget) {
                r.buffer.releaseIfEmpty();
                return;
            }
            boolean interrupted = Thread.currentThread().isInterrupted();
            if (armed && !readable && !wire.buffered() || interrupted) {
                if (arm()) {
                    if (interrupted && wire.buffered()) {
                        wire.kick(); // bytes held above the kernel: the poller reads them
                    }
                    return; // the poller calls back when bytes come
                }
                continue;
            }
            readable = false;
            if (readNow() == 0) {
                r.buffer.releaseWhileNothingCame(); // idle: hold no buffer until bytes come
                if (arm()) {
                    return;
                }
            }
        }
    }

    /**
     * Arms read interest; false if the wire cannot be watched any more (it was closed under the
     * socket, by an abort say), which ends the stream as a failed read would.
     */
    private boolean arm() {
        if (armed) {
            return true;
        }
        try {
            wire.armRead();
            armed = true;
            return true;
        } catch (Exception e) {
            r.ended(Failures.classify(e));
            return false;
        }
    }


    /** One non-blocking read into the buffer's free space; 0 when nothing was ready. */
    private int readNow() {
        ByteBuffer space = r.buffer.space(r.readTarget, r.framer.exact());
        int offered = space.remaining();
        int n;
        Reason failure = null;
        try {
            n = wire.readNow(space);
        } catch (Exception e) {
            n = -1;
            failure = Failures.classify(e);
        }
        if (n > 0) {
            r.filled(n, offered);
        } else if (n < 0) {
            r.ended(failure == null ? InetError.CLOSED : failure);
        }
        return n;
    }
}
