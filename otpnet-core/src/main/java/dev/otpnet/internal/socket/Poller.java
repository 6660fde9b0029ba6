package dev.otpnet.internal.socket;

import dev.otpnet.internal.wire.Deregistration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The one thread that watches every socket of the {@code socket} module: a {@link Selector} loop.
 * A call that cannot finish parks a {@link Waiter} on its socket and asks for the socket's interest
 * to be brought up to date; when the selector reports the socket ready, this thread fires the
 * socket's waiters. A thousand pending {@code nowait} reads are a thousand small objects and one
 * thread, not a thousand threads.
 *
 * <p>Only this thread touches selection keys' interest; other threads hand it sockets through a
 * queue and wake the selector. The one exception is {@link #release}: a closing thread cancels
 * the key itself (cancelling is thread-safe) and waits for the next selection.
 */
final class Poller {
    private static final System.Logger LOG = System.getLogger(Poller.class.getName());
    private static final Poller INSTANCE = new Poller();

    private final Selector selector;
    private final Queue<SocketCore> dirty = new ConcurrentLinkedQueue<>();

    private Poller() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the socket module's selector", e);
        }
        Thread t = Thread.ofPlatform().daemon().name("otpnet-socket-poller").unstarted(this::loop);
        thread = t;
        t.start();
    }

    static Poller get() {
        return INSTANCE;
    }

    /** Brings {@code socket}'s interest set up to date with its waiters, soon, on the poller thread. */
    void update(SocketCore socket) {
        dirty.add(socket);
        selector.wakeup();
    }

    private volatile Thread thread;

    /** Before {@code channel} closes: this selector lets it go now (see {@link Deregistration}). */
    void release(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key != null) {
            Deregistration.cancelAndWait(key, Thread.currentThread() == thread, selector::wakeup);
        }
    }

    /** Makes the selector drop keys of closed channels now (so their descriptors are released). */
    void wakeup() {
        selector.wakeup();
    }

    private void loop() {
        while (true) {
            try {
                selector.select();
                SocketCore s;
                while ((s = dirty.poll()) != null) {
                    s.syncInterest(selector);
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    SocketCore core = (SocketCore) key.attachment();
                    int ready;
                    try {
                        ready = key.readyOps();
                    } catch (CancelledKeyException e) {
                        continue;
                    }
                    core.fireReady(ready);
                    core.syncInterest(selector);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "the socket poller's loop failed; it carries on", e);
            }
        }
    }
}
