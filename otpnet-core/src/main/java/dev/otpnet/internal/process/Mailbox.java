package dev.otpnet.internal.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A process's mailbox: many senders, one receiver.
 *
 * <p>Incoming messages go through a lock-free multi-producer single-consumer queue (Dmitry
 * Vyukov's intrusive linked queue): a send allocates one node, swaps it into {@code tail} with one
 * atomic exchange and links it behind the previous tail. The receiver follows {@code next} links
 * from {@code head} without atomics. Messages a selective receive skipped move to the owner-private
 * {@link SaveQueue}, which stays in front of the incoming queue, so arrival order is kept.
 *
 * <p>Waiting: the owner publishes itself in {@code waiter}, re-checks the queue and parks; a
 * sender reads {@code waiter} after its exchange and unparks only if someone is waiting, so a send
 * to a busy process costs no unpark. The exchange and the volatile read on one side, the volatile
 * write and the read of {@code tail} on the other, make a lost wake-up impossible.
 *
 * <p>Thread confinement: {@link #put} from any thread; {@link #size} from any thread (a snapshot);
 * everything else only from the owner's thread.
 */
final class Mailbox {

    /** Returned when no message is there. Never a message: {@code send} refuses nothing else but null. */
    static final Object NONE = new Object();

    private static final int SPINS_BEFORE_YIELD = 64;
    private static final VarHandle TAIL;
    private static final VarHandle HEAD;
    private static final VarHandle WAITER;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(Mailbox.class, "tail", Node.class);
            HEAD = lookup.findVarHandle(Mailbox.class, "head", Node.class);
            WAITER = lookup.findVarHandle(Mailbox.class, "waiter", Thread.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Node {
        Object value;
        @SuppressWarnings("unused") // accessed through NEXT
        Node next;

        Node(Object value) {
            this.value = value;
        }
    }

    /** Consumer side: the last consumed node (a stub whose value is gone). Written with release for {@link #size}. */
    private Node head;
    /** Producer side: the newest node. */
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile Node tail;
    /** The owner while it parks waiting for a message, else null. */
    @SuppressWarnings("unused") // accessed through WAITER
    private volatile Thread waiter;

    private final SaveQueue saved = new SaveQueue();

    Mailbox() {
        Node stub = new Node(null);
        head = stub;
        tail = stub;
    }

    // ---- any thread ------------------------------------------------------------------------

    /** Appends {@code message} and wakes the owner if it waits. Lock-free, wait-free but for allocation. */
    void put(Object message) {
        Node node = new Node(message);
        Node previous = (Node) TAIL.getAndSet(this, node);
        NEXT.setRelease(previous, node);
        Thread w = (Thread) WAITER.getVolatile(this);
        if (w != null && WAITER.compareAndSet(this, w, null)) {
            LockSupport.unpark(w);
        }
    }

    /** How many messages are queued: a snapshot, exact when the owner is not receiving meanwhile. */
    int size() {
        int count = saved.size();
        Node node = (Node) HEAD.getAcquire(this);
        while ((node = (Node) NEXT.getAcquire(node)) != null) {
            count++;
        }
        return count;
    }

    // ---- owner thread only -----------------------------------------------------------------

    /** The oldest message {@code which} accepts (any message if null), or {@link #NONE}; never waits. */
    Object take(Predicate<Object> which) {
        if (!saved.isEmpty()) {
            if (which == null) {
                return saved.take(any -> true);
            }
            Object found = saved.take(which);
            if (found != NONE) {
                return found;
            }
        }
        return takeIncoming(which);
    }

    /**
     * Like {@link #take} but looks only at messages that arrived after the last call, which is
     * what a receive loop wants after waking: the saved ones were already refused.
     */
    Object takeIncoming(Predicate<Object> which) {
        for (Object m = poll(); m != NONE; m = poll()) {
            if (which == null) {
                return m;
            }
            boolean match;
            try {
                match = which.test(m);
            } catch (Throwable e) {
                saved.add(m);
                throw e;
            }
            if (match) {
                return m;
            }
            saved.add(m);
        }
        return NONE;
    }

    /**
     * Parks until a message may have arrived, {@code nanos} pass ({@code <= 0}: no limit), or the
     * thread is interrupted or unparked. Returns at once if the incoming queue is not empty.
     */
    void await(long nanos) {
        Thread me = Thread.currentThread();
        WAITER.setVolatile(this, me);
        if (TAIL.getVolatile(this) == head) {
            if (nanos > 0) {
                LockSupport.parkNanos(this, nanos);
            } else {
                LockSupport.park(this);
            }
        }
        WAITER.setVolatile(this, null);
    }

    /** Removes and returns every queued message, oldest first. */
    List<Object> drain() {
        List<Object> all = new ArrayList<>(saved.size());
        saved.takeAll(any -> true, all::add);
        for (Object m = poll(); m != NONE; m = poll()) {
            all.add(m);
        }
        return all;
    }

    /** Removes every queued message {@code which} accepts and gives them, oldest first, to {@code sink}. */
    int takeAll(Predicate<Object> which, Consumer<Object> sink) {
        for (Object m = poll(); m != NONE; m = poll()) {
            saved.add(m);
        }
        return saved.takeAll(which, sink);
    }

    /** The next incoming message, or {@link #NONE}. */
    private Object poll() {
        Node h = head;
        Node next = (Node) NEXT.getAcquire(h);
        if (next == null) {
            if (TAIL.getVolatile(this) == h) {
                return NONE;
            }
            next = awaitLink(h);
        }
        HEAD.setRelease(this, next);
        Object value = next.value;
        next.value = null;
        return value;
    }

    /** A sender swapped the tail but has not linked its node yet; it is a few instructions away. */
    private static Node awaitLink(Node h) {
        int spins = 0;
        Node next;
        while ((next = (Node) NEXT.getAcquire(h)) == null) {
            if (++spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return next;
    }
}
