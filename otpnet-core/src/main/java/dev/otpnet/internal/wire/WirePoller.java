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
 * A virtual thread that watches polled {@link TcpWire}s: a {@link Selector} loop. An idle gen_tcp
 * or ssl socket costs a registration here, not a thread parked in a read. There is one poller per
 * processor the JVM may use, and sockets are spread over them in turn, so reading and decoding
 * scale with the cores as Netty's event loops do; on a virtual thread, the deliveries a poller
 * makes are run by the same carrier without a switch of OS threads.
 *
 * <pre>
 *   owner / recv / setopts ──arm──▶ interest set ──▶ [ selector ] ──ready──▶ {@link Readiness#fire}
 *                                                                       ├─ the socket's receiver reads,
 *                                                                       │  decodes and delivers here
 *                                                                       └─ a parked reader or writer wakes
 *   a layer holding bytes read outside the callback ──{@link #kick}──▶ the receiver reads here soon
 * </pre>
 *
 * <p>Interest stays set while a socket wants bytes, so a socket re-armed with
 * {@code {active, once}} before its peer's next packet costs no wake-up of this thread; the
 * selector is level-triggered, so whatever fires either reads or drops its interest.
 *
 * <p>Fairness: under load this loop never parks (it yields after each round so the processes it
 * woke can answer), and a yield goes back to its carrier's own queue while that queue holds
 * work. The JDK's scheduler ({@code ForkJoinPool}) runs a carrier's own queue before anything
 * submitted from outside it, and every new virtual thread's first run is submitted from
 * outside, as are timers and a platform thread's messages. Without a break those would wait as
 * long as the load lasts. After {@link #FAIR_NANOS} of unbroken work the poller therefore
 * takes a break in two steps:
 * <ol>
 *   <li>it yields, so the processes its round woke run first (the carrier's queue is FIFO);
 *   <li>then, with that queue empty, it sleeps {@link #BREAK_NANOS}. It is in no queue at all
 *       while the carrier looks outside, so what waits there runs.
 * </ol>
 * The sleep must not be shorter. Its wake-up is itself submitted from outside, and a carrier
 * that finds more work in the outside queue it last took from keeps taking from that queue.
 * A poller that slept a nanosecond, as it once did, was back in that queue before the carrier
 * looked anywhere else. Under load that took turns with nothing else, and new connections'
 * processes waited up to half a second to start (bench S8, PERFORMANCE-NOTES.md).
 *
 * <p>Started on first use; {@link #get} fails with {@code emfile} while the process has no
 * descriptors for the selectors, and a later call tries again. Thread-safe.
 */
public final class WirePoller {
    private static final System.Logger LOG = System.getLogger(WirePoller.class.getName());
    private static volatile WirePoller[] pollers;
    private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();
    /** How long the loop sleeps after a selection that found nothing to do. */
    private static final long PAUSE_NANOS = 20_000;
    /** The longest the loop works without leaving its carrier's queue (see the class comment). */
    private static final long FAIR_NANOS = 1_000_000;
    /** How long a fairness break sleeps, once the round's processes have run (see the class comment). */
    private static final long BREAK_NANOS = 50_000;

    private final Selector selector;
    private final Thread thread;
    /** Registrations whose callback is to run as if their channel had turned readable. */
    private final Queue<Readiness> kicks = new ConcurrentLinkedQueue<>();

    private WirePoller(Selector selector, int index) {
        this.selector = selector;
        this.thread = Thread.ofVirtual().name("otpnet-wire-poller-" + index).unstarted(this::loop);
    }

    /**
     * The poller for a new socket (each in turn), all of them started if they were not.
     * {@code emfile} (or another reason) if their selectors cannot open; a later call tries again.
     */
    public static WirePoller get() throws InetException {
        WirePoller[] all = pollers;
        if (all == null) {
            all = start();
        }
        return all[Math.floorMod(NEXT.getAndIncrement(), all.length)];
    }

    private static synchronized WirePoller[] start() throws InetException {
        if (pollers != null) {
            return pollers;
        }
        WirePoller[] all = new WirePoller[Math.max(1, Runtime.getRuntime().availableProcessors())];
        try {
            for (int i = 0; i < all.length; i++) {
                all[i] = new WirePoller(Selector.open(), i);
            }
        } catch (IOException e) {
            for (WirePoller p : all) {
                if (p != null) {
                    closeQuietly(p.selector);
                }
            }
            throw Failures.toInet(e);
        }
        for (WirePoller p : all) {
            p.thread.start();
        }
        pollers = all;
        return all;
    }

    private static void closeQuietly(Selector s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // giving up on it anyway
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

    /** Runs {@code r}'s readable callback on this thread soon ({@link Readiness#kick}). */
    void kick(Readiness r) {
        kicks.add(r);
        wakeup();
    }

    private void loop() {
        long busySince = System.nanoTime();
        while (true) {
            try {
                boolean idle = false;
                if (selector.selectNow() == 0 && kicks.isEmpty()) {
                    // Nothing yet: give the processes one more turn before parking (a park and its
                    // wake-up go through the JDK's own pollers and cost more than a look).
                    Thread.yield();
                    if (selector.selectNow() == 0 && kicks.isEmpty()) {
                        idle = selector.select() == 0 && kicks.isEmpty();
                        busySince = System.nanoTime(); // it parked: the carrier's queue ran dry
                    }
                }
                Readiness kicked;
                while ((kicked = kicks.poll()) != null) {
                    kicked.kicked();
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    int ready;
                    try {
                        ready = key.readyOps();
                    } catch (CancelledKeyException e) {
                        idle = true; // a channel closing on another thread: see below
                        continue;
                    }
                    ((Readiness) key.attachment()).fire(key, ready);
                }
                if (idle) {
                    // Woken with nothing to do: a wake-up, or a descriptor still reported while
                    // another thread closes its channel (the selector lets it go only once that
                    // thread has queued the key's cancellation, under a lock each selection takes
                    // too). Looking again at once would keep that thread from the lock and, on a
                    // busy carrier, from running at all; a short sleep lets it finish.
                    LockSupport.parkNanos(PAUSE_NANOS);
                    busySince = System.nanoTime();
                } else if (System.nanoTime() - busySince > FAIR_NANOS) {
                    Thread.yield(); // behind the processes this round woke
                    LockSupport.parkNanos(BREAK_NANOS); // out of every queue: what waits outside runs
                    busySince = System.nanoTime();
                } else {
                    // Let the processes this round woke run (and write their replies) before looking
                    // again: by then their peers have often answered, and the next look finds more.
                    Thread.yield();
                }
            } catch (Throwable t) {
                // One socket's failure (or a full heap for a moment) must not stop every other socket.
                LOG.log(Level.ERROR, "otpnet: the wire poller's loop failed; it carries on", t);
            }
        }
    }
}
