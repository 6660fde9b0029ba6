package dev.otpnet.internal.wire;

import dev.otpnet.inet.InetException;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.locks.LockSupport;

/**
 * One non-blocking channel's registration with the {@link WirePoller}: who is told when it is
 * readable or writable (or, for a listen socket, acceptable).
 *
 * <p>Two may want to hear that the channel is readable: a thread parked in {@link #await} (a
 * blocking read on the polled wire, such as a TLS handshake's), and the callback set with
 * {@link #onReadable} while it is armed ({@link #armCallback}; the socket's receiver, which reads on
 * the poller thread, never blocking). The selector watches for reading while either wants it. A
 * parked thread is woken first; the callback runs when no thread was waiting, or when it is
 * {@link #kick}ed. Writable (or acceptable) goes to the thread parked in {@link #await} for it:
 * one slot serves both, as a channel is either connected or listening. Registered with the
 * selector on first interest; the key is cancelled when the channel closes.
 *
 * <p>Thread confinement: as the wire's (one reader and one writer at a time); {@link #fire} and
 * {@link #kicked} run on the poller thread; {@link #wakeAll} and {@link #kick} from any thread.
 * Who wants reading is decided under this object's monitor, so the callback's disarming never
 * takes the interest from a parked thread.
 */
final class Readiness {
    private static final int OTHER_OPS = SelectionKey.OP_WRITE | SelectionKey.OP_ACCEPT;
    private final SelectableChannel channel;
    private final WirePoller poller;
    private volatile SelectionKey key;
    private volatile Runnable onReadable;
    private volatile Thread readWaiter;
    /** The thread waiting for OP_WRITE, or OP_ACCEPT on a listen socket. */
    private volatile Thread writeWaiter;
    /** The callback wants to hear of bytes (guarded by this). */
    private boolean callbackArmed;
    /** {@link #deregister} ran: the channel is about to close and must not be registered again (guarded by this). */
    private boolean deregistered;

    /**
     * Makes {@code channel} non-blocking and watched by the next {@link WirePoller} (started if
     * need be: {@code emfile} when it cannot be).
     */
    static Readiness watch(SelectableChannel channel) throws InetException {
        WirePoller poller = WirePoller.get();
        try {
            channel.configureBlocking(false);
        } catch (IOException e) {
            throw Failures.toInet(e);
        }
        return new Readiness(channel, poller);
    }

    private Readiness(SelectableChannel channel, WirePoller poller) {
        this.channel = channel;
        this.poller = poller;
    }

    void onReadable(Runnable callback) {
        onReadable = callback;
    }

    /** The callback wants to hear of bytes (or the end) until {@link #disarmCallback}. */
    void armCallback() throws IOException {
        synchronized (this) {
            callbackArmed = true;
        }
        interest(SelectionKey.OP_READ);
    }

    /** The callback wants no more reports; a parked reader keeps its interest. */
    void disarmCallback() {
        synchronized (this) {
            callbackArmed = false;
            if (readWaiter == null) {
                drop(SelectionKey.OP_READ);
            }
        }
    }

    /** Runs the callback soon on the poller thread, as if the channel had turned readable. */
    void kick() {
        poller.kick(this);
    }

    /** On the poller thread: a {@link #kick}. */
    void kicked() {
        Runnable callback = onReadable;
        if (callback != null) {
            callback.run();
        }
    }

    /** Asks the poller to report {@code op} (OP_READ, OP_WRITE or OP_ACCEPT) until it is dropped. */
    void interest(int op) throws IOException {
        SelectionKey k = key;
        if (k == null) {
            synchronized (this) {
                if (deregistered) {
                    // A registration after deregister() would defer the close to the next selection.
                    throw new ClosedChannelException();
                }
                if (key == null) {
                    key = channel.register(poller.selector(), 0, this);
                }
                k = key;
            }
        }
        int before;
        try {
            before = k.interestOpsOr(op);
        } catch (CancelledKeyException e) {
            throw new ClosedChannelException();
        }
        if ((before & op) == 0) {
            poller.wakeup();
        }
    }

    /** Stops reporting {@code op}. Takes effect at the poller's next selection; no wake-up needed. */
    void drop(int op) {
        SelectionKey k = key;
        if (k != null) {
            try {
                k.interestOpsAnd(~op);
            } catch (CancelledKeyException ignored) {
                // closed: nothing is reported any more anyway
            }
        }
    }

    /**
     * Parks the calling thread until the channel is ready for {@code op}, it closes, or the thread
     * is interrupted (the channel's next operation then closes it, as an interrupted blocking
     * channel does).
     */
    void await(int op) throws IOException {
        await(op, Long.MAX_VALUE);
    }

    /**
     * As {@link #await(int)}, but returns after at most {@code nanos} ({@code Long.MAX_VALUE}: no
     * limit) whether or not the channel is ready; the caller looks again.
     */
    void await(int op, long nanos) throws IOException {
        long start = nanos == Long.MAX_VALUE ? 0 : System.nanoTime();
        Thread me = Thread.currentThread();
        boolean reading = op == SelectionKey.OP_READ;
        if (reading) {
            synchronized (this) {
                readWaiter = me;
            }
        } else {
            writeWaiter = me;
        }
        try {
            interest(op);
            while ((reading ? readWaiter : writeWaiter) == me && channel.isOpen() && !me.isInterrupted()) {
                if (nanos == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else {
                    long left = nanos - (System.nanoTime() - start);
                    if (left <= 0) {
                        break;
                    }
                    LockSupport.parkNanos(this, left);
                }
            }
        } finally {
            if (reading) {
                synchronized (this) {
                    if (readWaiter == me) {
                        readWaiter = null;
                        if (!callbackArmed) {
                            drop(SelectionKey.OP_READ);
                        }
                    }
                }
            } else if (writeWaiter == me) {
                writeWaiter = null;
                drop(op); // timed out: nobody waits for it any more
            }
        }
    }

    /** On the poller thread: the selector reported {@code ready} for this channel. */
    void fire(SelectionKey k, int ready) {
        if ((ready & OTHER_OPS) != 0) {
            drop(OTHER_OPS);
            Thread w = writeWaiter;
            writeWaiter = null;
            LockSupport.unpark(w);
        }
        if ((ready & SelectionKey.OP_READ) != 0) {
            Thread w;
            boolean armed;
            synchronized (this) {
                w = readWaiter;
                readWaiter = null;
                armed = callbackArmed;
                if (!armed) {
                    drop(SelectionKey.OP_READ);
                }
            }
            Runnable callback = onReadable;
            if (w != null) {
                LockSupport.unpark(w); // the callback hears of it on the next round if the bytes are still there
            } else if (armed && callback != null) {
                callback.run(); // reads, or disarms
            }
        }
    }

    /**
     * Before a close: the selector stops watching the descriptor. A closed channel's key is
     * invalid at once, but the selector lets the descriptor go only after the closing thread has
     * queued the key's cancellation; until then a descriptor with bytes or an end pending would be
     * reported on every selection (level-triggered) and turned away (the key is cancelled), a spin
     * that can keep the closing thread itself from running. With no interest the JDK takes the
     * descriptor out of epoll at the next selection, whoever runs first.
     */
    void unwatch() {
        SelectionKey k = key;
        if (k != null) {
            try {
                k.interestOps(0);
            } catch (CancelledKeyException ignored) {
                // closed already
            }
        }
    }

    /** Before a close that must take effect at once: see {@link Deregistration}. */
    void deregister() {
        SelectionKey k;
        synchronized (this) {
            deregistered = true; // under the monitor a first registration takes: none can slip in now
            k = key;
        }
        if (k != null) {
            Deregistration.cancelAndWait(k, poller.isPollerThread(), poller::wakeup);
        }
    }

    /** After a close: parked threads wake and find the channel closed; the selector lets the descriptor go. */
    void wakeAll() {
        LockSupport.unpark(readWaiter);
        LockSupport.unpark(writeWaiter);
        if (key != null) {
            poller.wakeup();
        }
    }
}
