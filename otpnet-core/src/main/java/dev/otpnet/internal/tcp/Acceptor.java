package dev.otpnet.internal.tcp;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.internal.process.Current;
import dev.otpnet.internal.time.Deadline;
import dev.otpnet.internal.wire.Failures;
import dev.otpnet.internal.wire.PolledListen;
import dev.otpnet.process.ProcessExit;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serves concurrent {@code accept} calls on one listen socket, each with its own time-out.
 *
 * <pre>
 *   callers, in arrival order:   [ leader ] [ next ] [ next ] ...
 *                                    │  tries a non-blocking accept; nothing there:
 *                                    └─ parks until the wire poller reports a connection
 *                                       waiting, or its own time-out
 *   the leader leaves (with a connection, a failure or its time-out) ─▶ the next one leads
 * </pre>
 *
 * <p>The listen socket is non-blocking and watched by the wire poller ({@link PolledListen}), so
 * no thread is spent on it and the caller that takes a connection is the one woken: no hand-off
 * between threads. Callers take turns in arrival order; a caller whose time-out expires leaves
 * the queue wherever it stands. While nobody waits, nothing is accepted: pending connections stay
 * in the kernel's backlog. Closing the listen socket wakes every caller with {@code closed}.
 *
 * <p>Failures: an I/O failure of one accept ({@code emfile} when the process is out of
 * descriptors) goes to the caller that tried it, and the next accept tries again, as in Erlang.
 * Anything else thrown while accepting means accepting cannot be trusted to go on: the listen
 * socket closes and every caller hears why (see {@link #fatal}).
 *
 * <p>Thread-safe.
 */
public final class Acceptor {
    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());
    private final ServerSocketChannel server;
    private final PolledListen polled;
    private final Accepting accepting;
    private final Runnable onFatal;
    private final ReentrantLock lock = new ReentrantLock();
    /** Callers in arrival order; the first one accepts, the others wait for their turn. */
    private final ArrayDeque<Condition> callers = new ArrayDeque<>();
    private boolean closed;
    /** Why accepting stopped for good, when it was not a close. */
    private InetException fatal;

    static {
        // Loaded now, not at the first failed accept: at emfile a class file cannot be opened.
        Failures.classify(new IOException("preload"));
    }

    /** One non-blocking accept: the server's, or a test's; null when no connection is waiting. */
    interface Accepting {
        SocketChannel accept() throws IOException;
    }

    /**
     * Makes {@code server} non-blocking and watched by the wire poller ({@code emfile} if the
     * poller cannot start).
     *
     * @param onFatal run once if accepting fails for good (after the caller heard why), so the
     *     listen socket's owner can forget it; the acceptor then closes the server itself
     */
    public Acceptor(ServerSocketChannel server, Runnable onFatal) throws InetException {
        this(server, server::accept, onFatal);
    }

    Acceptor(ServerSocketChannel server, Accepting accepting, Runnable onFatal) throws InetException {
        this.server = server;
        this.polled = PolledListen.of(server);
        this.accepting = accepting;
        this.onFatal = onFatal;
    }

    /** The next connection, waiting at most {@code timeoutMillis} ({@code Long.MAX_VALUE}: forever). */
    public SocketChannel accept(long timeoutMillis) throws InetException {
        Deadline deadline = Deadline.after(timeoutMillis);
        Condition turn = awaitTurn(deadline);
        try {
            return acceptAsLeader(deadline);
        } finally {
            lock.lock();
            try {
                callers.remove(turn);
                Condition next = callers.peekFirst();
                if (next != null) {
                    next.signal();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Queues the caller and returns once it is first, or throws {@code timeout} or {@code closed}. */
    private Condition awaitTurn(Deadline deadline) throws InetException {
        lock.lock();
        try {
            if (closed) {
                throw closedException();
            }
            Condition turn = lock.newCondition();
            callers.add(turn);
            try {
                while (callers.peekFirst() != turn) {
                    long wait = deadline.remainingNanos();
                    if (closed || wait <= 0) {
                        callers.remove(turn);
                        throw closed ? closedException() : new InetException(InetError.TIMEOUT);
                    }
                    turn.awaitNanos(wait);
                }
            } catch (InterruptedException e) {
                callers.remove(turn);
                Thread.currentThread().interrupt();
                throw new InetException(InetError.CLOSED, "interrupted while accepting", e);
            }
            return turn;
        } finally {
            lock.unlock();
        }
    }

    /** As the first caller: accepts, parking on the poller while nothing waits in the backlog. */
    private SocketChannel acceptAsLeader(Deadline deadline) throws InetException {
        while (true) {
            SocketChannel ch = acceptOnce();
            if (ch != null) {
                if (!server.isOpen()) {
                    closeQuietly(ch);
                    throw closedException();
                }
                return ch;
            }
            long left = deadline.remainingNanos();
            if (left <= 0) {
                throw new InetException(InetError.TIMEOUT);
            }
            try {
                polled.awaitAcceptable(left);
            } catch (IOException e) {
                throw server.isOpen() ? Failures.toInet(e) : closedException();
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InetException(InetError.CLOSED, "interrupted while accepting", null);
            }
        }
    }

    private SocketChannel acceptOnce() throws InetException {
        try {
            // A caller killed as it accepts must not take a connection that came after its DOWN.
            return Current.whileAlive(accepting::accept);
        } catch (IOException e) {
            // emfile, enfile, enobufs...: this caller hears it; the next accept tries again.
            throw server.isOpen() ? Failures.toInet(e) : closedException();
        } catch (LinkageError e) {
            if (e instanceof ExceptionInInitializerError
                    || String.valueOf(e.getMessage()).startsWith("Could not initialize class")) {
                throw fatal(e); // a class whose initialisation failed stays failed
            }
            // Out of descriptors, loading a class from a directory fails too (it cannot open the
            // class file): a passing emfile, which this caller hears and the next accept retries.
            throw new InetException(Posix.EMFILE, String.valueOf(e), e);
        } catch (ProcessExit e) {
            throw e; // the caller is dead: it leaves, and accepting goes on for the others
        } catch (RuntimeException | Error e) {
            throw fatal(e);
        }
    }

    /**
     * Something other than an I/O failure stopped an accept (an {@link Error}: memory, a JDK
     * component that failed to start): accepting cannot be trusted to go on, so the listen socket
     * closes, the caller gets the reason, later callers {@code closed} with it as the detail, and
     * the owner's close hook runs. Nothing ends silently.
     */
    private InetException fatal(Throwable t) {
        Reason reason = t instanceof OutOfMemoryError ? Posix.ENOMEM : InetError.SYSTEM_LIMIT;
        InetException e = new InetException(reason, "the listen socket closed: accepting failed with " + t, t);
        LOG.log(System.Logger.Level.ERROR, "otpnet: " + e.getMessage(), t);
        lock.lock();
        try {
            if (fatal == null) {
                fatal = e;
            }
        } finally {
            lock.unlock();
        }
        onFatal.run();
        close();
        return e;
    }

    /** Closes the listen socket; every waiting accept returns {@code closed}. */
    public void close() {
        try {
            polled.close();
        } catch (IOException ignored) {
            // closed either way
        }
        lock.lock();
        try {
            closed = true;
            for (Condition turn : callers) {
                turn.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private InetException closedException() {
        lock.lock();
        try {
            return fatal == null ? new InetException(InetError.CLOSED)
                    : new InetException(InetError.CLOSED, fatal.getMessage(), fatal);
        } finally {
            lock.unlock();
        }
    }

    /** Whether accept would fail at once; under the lock, so it agrees with {@link #accept}. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
