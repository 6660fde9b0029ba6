package dev.otpnet.internal.wire;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * One non-blocking channel's registration with the {@link WirePoller}: who is told when it is
 * readable or writable.
 *
 * <p>Readable goes to a thread parked in {@link #await} if there is one, otherwise to the
 * callback set with {@link #onReadable} (the socket's receiver, which reads on the poller
 * thread, never blocking). Writable goes to the thread parked in {@link #await}. Registered with
 * the selector on first interest; the key is cancelled when the channel closes.
 *
 * <p>Thread confinement: as the wire's (one reader and one writer at a time); {@link #fire} runs
 * on the poller thread; {@link #wakeAll} from any thread.
 */
final class Readiness {
    private final SocketChannel channel;
    private final WirePoller poller;
    private volatile SelectionKey key;
    private volatile Runnable onReadable;
    private volatile Thread readWaiter;
    private volatile Thread writeWaiter;

    Readiness(SocketChannel channel, WirePoller poller) {
        this.channel = channel;
        this.poller = poller;
    }

    void onReadable(Runnable callback) {
        onReadable = callback;
    }

    /** Asks the poller to report {@code op} (OP_READ or OP_WRITE) until it is dropped. */
    void interest(int op) throws IOException {
        SelectionKey k = key;
        if (k == null) {
            synchronized (this) {
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
        Thread me = Thread.currentThread();
        boolean reading = op == SelectionKey.OP_READ;
        if (reading) {
            readWaiter = me;
        } else {
            writeWaiter = me;
        }
        try {
            interest(op);
            while ((reading ? readWaiter : writeWaiter) == me && channel.isOpen() && !me.isInterrupted()) {
                LockSupport.park(this);
            }
        } finally {
            if (reading) {
                if (readWaiter == me) {
                    readWaiter = null;
                }
            } else if (writeWaiter == me) {
                writeWaiter = null;
            }
        }
    }

    /** On the poller thread: the selector reported {@code ready} for this channel. */
    void fire(SelectionKey k, int ready) {
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            drop(SelectionKey.OP_WRITE);
            Thread w = writeWaiter;
            writeWaiter = null;
            LockSupport.unpark(w);
        }
        if ((ready & SelectionKey.OP_READ) != 0) {
            Thread w = readWaiter;
            Runnable callback = onReadable;
            if (w != null) {
                drop(SelectionKey.OP_READ);
                readWaiter = null;
                LockSupport.unpark(w);
            } else if (callback != null) {
                callback.run(); // reads, or drops the interest
            } else {
                drop(SelectionKey.OP_READ);
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

    /** After a close: parked threads wake and find the channel closed; the selector lets the descriptor go. */
    void wakeAll() {
        LockSupport.unpark(readWaiter);
        LockSupport.unpark(writeWaiter);
        if (key != null) {
            poller.wakeup();
        }
    }

    boolean isRegistered() {
        return channel.isRegistered();
    }

    /** Leaves the selector for good (before the channel goes back to blocking mode). */
    void deregister() {
        onReadable = null;
        SelectionKey k = key;
        if (k != null) {
            k.cancel();
            poller.awaitFlush(this);
        }
    }
}
