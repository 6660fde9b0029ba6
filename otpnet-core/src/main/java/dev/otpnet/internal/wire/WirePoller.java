package dev.otpnet.internal.wire;

import dev.otpnet.inet.InetException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The one platform thread that watches every polled {@link TcpWire}: a {@link Selector} loop.
 * An idle gen_tcp socket costs a registration here, not a thread parked in a read.
 *
 * <pre>
 *   owner / recv / setopts ──arm──▶ interest set ──▶ [ selector ] ──ready──▶ {@link Readiness#fire}
 *                                                                       ├─ the socket's receiver reads,
 *                                                                       │  decodes and delivers here
 *                                                                       └─ a parked reader or writer wakes
 * </pre>
 *
 * <p>Interest stays set while a socket wants bytes, so a socket re-armed with
 * {@code {active, once}} before its peer's next packet costs no wake-up of this thread; the
 * selector is level-triggered, so whatever fires either reads or drops its interest.
 *
 * <p>Started on first use; {@link #get} fails with {@code emfile} while the process has no
 * descriptor for the selector, and a later call tries again. Thread-safe.
 */
public final class WirePoller {
    private static final System.Logger LOG = System.getLogger(WirePoller.class.getName());
    private static volatile WirePoller instance;

    private final Selector selector;
    private final Thread thread;
    /** Threads waiting for the selector to drop the keys of channels going back to blocking mode. */
    private final Queue<Thread> flushWaiters = new ConcurrentLinkedQueue<>();

    private WirePoller(Selector selector) {
        this.selector = selector;
        this.thread = Thread.ofVirtual().name("otpnet-wire-poller").unstarted(this::loop);
    }

    /** The poller, started if it was not. {@code emfile} (or another reason) if its selector cannot open. */
    public static WirePoller get() throws InetException {
        WirePoller p = instance;
        if (p != null) {
            return p;
        }
        synchronized (WirePoller.class) {
            if (instance == null) {
                Selector s;
                try {
                    s = Selector.open();
                } catch (IOException e) {
                    throw Failures.toInet(e);
                }
                WirePoller created = new WirePoller(s);
                created.thread.start();
                instance = created;
            }
            return instance;
        }
    }

    Selector selector() {
        return selector;
    }

    boolean isPollerThread() {
        return Thread.currentThread() == thread;
    }

    /** Makes the selector apply changed interest and drop the keys of closed channels now. */
    void wakeup() {
        if (!isPollerThread()) {
            selector.wakeup();
        }
    }

    /**
     * Waits until the selector has run a selection after this call, so a key cancelled before it is
     * gone and its channel may go back to blocking mode. On the poller thread itself, returns at once.
     */
    void awaitFlush(Readiness r) {
        if (isPollerThread()) {
            return;
        }
        Thread me = Thread.currentThread();
        while (r.isRegistered()) {
            flushWaiters.add(me);
            selector.wakeup();
            LockSupport.parkNanos(this, 10_000_000L);
        }
    }

    private void loop() {
        while (true) {
            try {
                if (selector.selectNow() == 0) {
                    // Let the processes woken by the last round run (and write) first: by then more
                    // sockets are usually ready, and this thread need not park and be woken.
                    Thread.yield();
                    if (selector.selectNow() == 0) {
                        selector.select();
                    }
                }
                Thread w;
                while ((w = flushWaiters.poll()) != null) {
                    LockSupport.unpark(w);
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    int ready;
                    try {
                        ready = key.readyOps();
                    } catch (CancelledKeyException e) {
                        continue;
                    }
                    ((Readiness) key.attachment()).fire(key, ready);
                }
            } catch (Throwable t) {
                // One socket's failure (or a full heap for a moment) must not stop every other socket.
                LOG.log(Level.ERROR, "otpnet: the wire poller's loop failed; it carries on", t);
            }
        }
    }
}
