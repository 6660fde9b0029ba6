package dev.otpnet.internal.socket;

import dev.otpnet.inet.Reason;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.process.Ref;
import dev.otpnet.socket.Abort;
import dev.otpnet.socket.Select;
import dev.otpnet.socket.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call waiting for its socket to become ready: a thread blocked in {@code recv} ({@link Blocked})
 * or a {@code nowait} call whose caller wants a {@link Select} message ({@link Selecting}). It holds
 * no thread of its own: the {@link Poller} fires it. Fired, aborted or cancelled at most once; a
 * state word decides the race, so a cancelled waiter never sends its message.
 */
abstract sealed class Waiter permits Waiter.Blocked, Waiter.Selecting {
    private static final int PENDING = 0;
    private static final int DONE = 1;

    /** The {@code SelectionKey} operations this waits for. */
    final int ops;
    /** The call that waits ({@code recv}, {@code accept}...), for {@code info}. */
    final String tag;
    private final AtomicInteger state = new AtomicInteger(PENDING);

    Waiter(int ops, String tag) {
        this.ops = ops;
        this.tag = tag;
    }

    boolean pending() {
        return state.get() == PENDING;
    }

    /** The socket is ready: wake or tell the caller. False if already fired, aborted or cancelled. */
    final boolean fire() {
        if (state.compareAndSet(PENDING, DONE)) {
            onReady();
            return true;
        }
        return false;
    }

    /** The socket closed: wake or tell the caller so. */
    final boolean abort(Reason reason) {
        if (state.compareAndSet(PENDING, DONE)) {
            onAbort(reason);
            return true;
        }
        return false;
    }

    /** Withdraws the wait; true if it was still pending (then nothing is ever sent). */
    final boolean cancel() {
        return state.compareAndSet(PENDING, DONE);
    }

    abstract void onReady();

    abstract void onAbort(Reason reason);

    /** A thread blocked in a call until the socket is ready or its deadline passes. */
    static final class Blocked extends Waiter {
        private final CountDownLatch latch = new CountDownLatch(1);

        Blocked(int ops, String tag) {
            super(ops, tag);
        }

        @Override
        void onReady() {
            latch.countDown();
        }

        @Override
        void onAbort(Reason reason) {
            latch.countDown();
        }

        /** Waits at most {@code nanos}; true if woken (ready or closed), false on time-out. */
        boolean await(long nanos) throws InterruptedException {
            return latch.await(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A {@code nowait} call: its caller gets {@code Select} (or {@code Abort}) once. */
    static final class Selecting extends Waiter {
        private final ProcessCore caller;
        private final Socket socket;
        final Ref handle;

        Selecting(int ops, String tag, ProcessCore caller, Socket socket, Ref handle) {
            super(ops, tag);
            this.caller = caller;
            this.socket = socket;
            this.handle = handle;
        }

        @Override
        void onReady() {
            caller.deliver(new Select(socket, handle));
        }

        @Override
        void onAbort(Reason reason) {
            caller.deliver(new Abort(socket, handle, reason));
        }
    }
}
