package dev.otpnet.internal.socket;

import dev.otpnet.internal.time.Deadline;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.internal.process.Current;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.process.Ref;
import dev.otpnet.socket.Nowait;
import dev.otpnet.socket.SelectInfo;
import java.io.IOException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * How every call that may have to wait is run: try the non-blocking operation; if it cannot finish,
 * either park the calling thread on a {@link Waiter.Blocked} until the {@link Poller} says the
 * socket is ready or the time-out passes ({@link #await}), or, for {@code nowait}, leave a
 * {@link Waiter.Selecting} behind and return Erlang's {@code {select, SelectInfo}} ({@link #nowait}).
 *
 * <p>Readers take turns, and so do writers, as Erlang queues them: a blocking {@code send} of 10 MB
 * goes out whole before another process's {@code send} starts, and a {@code recv(S, N)} gets N
 * consecutive bytes.
 */
final class Calls {
    private Calls() {
    }

    /** One non-blocking try: the result, or null if the socket is not ready. */
    interface Attempt<T> extends Current.Taking<T, IOException> {
    }

    /** Erlang's time-out in milliseconds ({@link Deadline#INFINITY} is {@code infinity}) as a deadline. */
    static Deadline deadline(long timeoutMillis) {
        return Deadline.after(timeoutMillis);
    }

    /**
     * Runs {@code attempt} until it returns a result, waiting for {@code ops} between tries. Throws
     * {@code timeout} when the deadline passes, {@code closed} if the socket closes meanwhile.
     * {@code counter} is {@code read}, {@code write} or {@code acc}, for the socket's counters.
     */
    static <T> T await(SocketCore s, int ops, String tag, String counter, Deadline deadline, Attempt<T> attempt)
            throws InetException {
        Lock turn = s.turn(counter);
        if (turn != null) {
            take(turn, deadline);
        }
        try {
            return awaitInTurn(s, ops, tag, counter, deadline, attempt);
        } finally {
            if (turn != null) {
                turn.unlock();
                s.turnFreed(counter);
            }
        }
    }

    /** Waits for the socket's reader or writer turn (Erlang queues them), at most until {@code deadline}. */
    private static void take(Lock turn, Deadline deadline) throws InetException {
        try {
            if (deadline.isInfinite()) {
                turn.lockInterruptibly();
            } else if (!turn.tryLock(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)) {
                throw new InetException(InetError.TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InetException(InetError.CLOSED, "interrupted while waiting", e);
        }
    }

    private static <T> T awaitInTurn(SocketCore s, int ops, String tag, String counter, Deadline deadline,
            Attempt<T> attempt) throws InetException {
        while (true) {
            T result = once(s, counter, attempt);
            if (result != null) {
                return result;
            }
            long left = deadline.remainingNanos();
            if (left <= 0) {
                throw new InetException(InetError.TIMEOUT);
            }
            Waiter.Blocked w = new Waiter.Blocked(ops, tag);
            s.park(w);
            s.counters.inc(counter + "_waits");
            boolean woken;
            try {
                woken = w.await(left);
            } catch (InterruptedException e) {
                w.cancel();
                s.unpark(w);
                Thread.currentThread().interrupt();
                throw new InetException(InetError.CLOSED, "interrupted while waiting", e);
            }
            if (!woken) {
                w.cancel();
                s.unpark(w);
            }
            s.checkOpen();
        }
    }

    /**
     * Runs {@code attempt} once. If it cannot finish, the calling process will get a {@code Select}
     * message when {@code ops} is ready; {@code soFar} is what the call already did (bytes read, or
     * bytes not yet sent).
     */
    static <T> Nowait<T> nowait(SocketCore s, int ops, String tag, String counter, Attempt<T> attempt,
            Supplier<Bytes> soFar) throws InetException {
        Lock turn = s.turn(counter);
        if (turn == null || turn.tryLock()) {
            try {
                T result = once(s, counter, attempt);
                if (result != null) {
                    return new Nowait.Ok<>(result);
                }
            } finally {
                if (turn != null) {
                    turn.unlock();
                    s.turnFreed(counter);
                }
            }
            Ref handle = Ref.make();
            s.park(new Waiter.Selecting(ops, tag, ProcessCore.current(), s.socket, handle));
            s.counters.inc(counter + "_waits");
            return new Nowait.Selected<>(new SelectInfo(tag, handle), soFar.get());
        }
        // another reader or writer has its turn: the Select comes when it lets go
        Ref handle = Ref.make();
        s.parkForTurn(counter, new Waiter.Selecting(ops, tag, ProcessCore.current(), s.socket, handle));
        s.counters.inc(counter + "_waits");
        return new Nowait.Selected<>(new SelectInfo(tag, handle), soFar.get());
    }

    private static <T> T once(SocketCore s, String counter, Attempt<T> attempt) throws InetException {
        s.checkOpen();
        s.counters.inc(counter + "_tries");
        try {
            // A process killed as it reads must not take what its peer sent after the DOWN.
            return Current.whileAlive(attempt);
        } catch (InetException e) {
            s.counters.inc(counter + "_fails");
            throw e;
        } catch (IOException | IllegalStateException | UnsupportedAddressTypeException
                 | UnresolvedAddressException e) {
            s.counters.inc(counter + "_fails");
            throw Errors.of(e);
        }
    }
}
