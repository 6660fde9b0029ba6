package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets a writer that waits for the peer's handshake messages sleep while the reader, which holds
 * the inbound side, receives them, and wake when the reader made progress or let go of the
 * inbound side.
 *
 * <p>The reader counts progress always and takes the lock only when someone waits; a waiter
 * registers before it checks the count, and the reader counts before it looks for waiters, so
 * one of the two always sees the other (both fields are volatile). Thread-safe.
 */
final class ReaderProgress {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicLong count = new AtomicLong();
    private volatile int waiters;
    private volatile boolean stopped;

    /** The count to pass to {@link #await}, read before trying to take the inbound side. */
    long seen() {
        return count.get();
    }

    /** The reader made progress (unwrapped a record, or released the inbound side). */
    void signal() {
        count.incrementAndGet();
        if (waiters > 0) {
            wakeAll();
        }
    }

    /** The wire is closing: wake every waiter for good. */
    void stop() {
        stopped = true;
        count.incrementAndGet();
        wakeAll();
    }

    boolean stopped() {
        return stopped;
    }

    /** Waits until the count moved past {@code seen}, or {@code inbound} is free, or {@link #stop}. */
    void await(long seen, Lock inbound) throws InetException {
        lock.lock();
        waiters++;
        try {
            while (count.get() == seen && !stopped && ((ReentrantLock) inbound).isLocked()) {
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InetException(InetError.CLOSED, "interrupted while waiting for the peer's handshake", e);
        } finally {
            waiters--;
            lock.unlock();
        }
    }

    private void wakeAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
