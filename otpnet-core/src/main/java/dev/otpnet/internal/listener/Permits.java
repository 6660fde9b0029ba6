package dev.otpnet.internal.listener;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exact connection limit: a counting semaphore whose size can change while it is in use.
 *
 * <p>An acceptor takes a permit <em>before</em> it accepts, so the listener never has more
 * connections than permits: at most {@code max} sockets are accepted and not yet finished, under
 * any storm (Ranch's limit is per connection supervisor and checked after accept, so it can be
 * exceeded by the number of acceptors). A {@link Permit} is released exactly once, by whoever holds
 * it when the connection ends (the acceptor if accept failed, the connection supervisor when the
 * connection process is dead); a second release does nothing. {@link #setMax} takes effect at once
 * for waiting acceptors; lowering it does not touch live connections, the count just drains down.
 *
 * <p>Thread-safe.
 */
public final class Permits {
    /** Erlang's {@code infinity} as a limit. */
    public static final int INFINITY = Integer.MAX_VALUE;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final Set<Permit> outstanding = ConcurrentHashMap.newKeySet();
    private int max;
    private int inUse;
    private int highWater;

    public Permits(int max) {
        checkMax(max);
        this.max = max;
    }

    private static void checkMax(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max_connections is 0 or more, or infinity, not " + max + ".");
        }
    }

    /** One connection's right to exist; release it once, when the connection is gone. */
    public final class Permit {
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit() {
        }

        /** Gives the permit back; later calls do nothing. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                outstanding.remove(this);
                lock.lock();
                try {
                    inUse--;
                    freed.signal();
                } finally {
                    lock.unlock();
                }
            }
        }

        public boolean released() {
            return released.get();
        }
    }

    /** Waits for a permit; interruptible (an acceptor told to stop holds none). */
    public Permit acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (inUse >= max) {
                freed.await();
            }
            inUse++;
            highWater = Math.max(highWater, inUse);
            Permit p = new Permit();
            outstanding.add(p);
            return p;
        } finally {
            lock.unlock();
        }
    }

    /** Ranch's {@code set_max_connections/2}: waiting acceptors see the new limit at once. */
    public void setMax(int newMax) {
        checkMax(newMax);
        lock.lock();
        try {
            max = newMax;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public int max() {
        lock.lock();
        try {
            return max;
        } finally {
            lock.unlock();
        }
    }

    /** Permits taken and not given back: connections accepted or being accepted. */
    public int inUse() {
        lock.lock();
        try {
            return inUse;
        } finally {
            lock.unlock();
        }
    }

    /** The most permits ever out at once. */
    public int highWater() {
        lock.lock();
        try {
            return highWater;
        } finally {
            lock.unlock();
        }
    }

    /** Releases every permit still out (a stopped listener's last step); returns how many there were. */
    public int releaseAll() {
        int n = 0;
        for (Permit p : Set.copyOf(outstanding)) {
            if (!p.released()) {
                p.release();
                n++;
            }
        }
        return n;
    }
}
