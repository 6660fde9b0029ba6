package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetException;
import dev.otpnet.internal.wire.Failures;
import dev.otpnet.internal.wire.PolledWire;
import java.io.IOException;

/**
 * The part of a {@link TlsWire} over a polled wire that keeps the poller from ever waiting: what
 * a read calls for but cannot do at once (writing the engine's answer to a KeyUpdate or a
 * close_notify, or failing the connection, which sends an alert and closes) runs on a virtual
 * thread of its own, and the socket's reader is kept off the wire meanwhile.
 *
 * <pre>
 *   poller: readNow ── answer due / failure ──▶ {@link #offload}: reads suspended
 *                                                    └─ own thread: write the answer (or fail),
 *                                                       resume, kick the reader ──▶ readNow again
 * </pre>
 *
 * <p>While suspended, reads return nothing and arming read interest is only noted, so a reader
 * neither sees the session half failed nor spins on bytes it may not read yet; resuming arms it
 * if the reader still wants it.
 * A failure decided off the poller is kept and thrown by the next read.
 *
 * <p>Thread-safe: the reader arms and disarms under its own lock; the offloaded task ends on its
 * own thread.
 */
final class PolledReads {
    /** Work a read left for a thread that may wait; returns the failure to report, or null. */
    interface Task {
        InetException run();
    }

    private final PolledWire lower;
    /** A task is running: reads wait for it (set under this, read anywhere). */
    private volatile boolean suspended;
    private boolean wantArmed;
    private volatile InetException failure;

    PolledReads(PolledWire lower) {
        this.lower = lower;
    }

    PolledWire lower() {
        return lower;
    }

    /**
     * Whether a task runs: a read then returns nothing, whatever it might find (the session may
     * be half failed), until the task is done and the reader is kicked.
     */
    boolean suspended() {
        return suspended;
    }

    /** The failure an offloaded task decided on, which every later read reports; null if none. */
    InetException failure() {
        return failure;
    }

    synchronized void armRead() throws IOException {
        wantArmed = true;
        if (suspended) {
            return; // resume() arms
        }
        if (failure != null) {
            lower.kick(); // the next read reports it; the wire under may be closed already
            return;
        }
        lower.armRead();
    }

    synchronized void disarmRead() {
        wantArmed = false;
        lower.disarmRead();
    }

    /** Suspends reading and runs {@code task} on a thread of its own; then reading resumes. */
    void offload(Task task) {
        synchronized (this) {
            suspended = true;
            lower.disarmRead();
        }
        Thread.ofVirtual().name("otpnet-tls-answer").start(() -> {
            try {
                InetException f = task.run();
                if (f != null) {
                    failure = f;
                }
            } catch (Throwable t) {
                failure = Failures.toInet(t); // a full heap, say: the reader reports it and the socket closes
                throw t;
            } finally {
                resume();
            }
        });
    }

    private void resume() {
        synchronized (this) {
            suspended = false;
            if (wantArmed && failure == null) {
                try {
                    lower.armRead();
                } catch (IOException e) {
                    // closed meanwhile: the kicked read below reports it
                }
            }
        }
        lower.kick();
    }
}
