package dev.otpnet.internal.tcp;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.internal.time.Deadline;
import dev.otpnet.internal.wire.Failures;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serves concurrent {@code accept} calls on one listen socket, each with its own time-out.
 *
 * <p>The JDK's blocking accept has no time-out and serialises callers, so callers do not accept
 * themselves: they queue, and one virtual thread accepts while anyone is waiting and hands each
 * connection to the longest waiter. A caller whose time-out expires leaves the queue (time-outs
 * fire in deadline order, whatever the arrival order); a connection accepted after its waiter left
 * is kept for the next caller. Closing the listen socket wakes every waiter with {@code closed}.
 * While nobody waits, nothing is accepted: pending connections stay in the kernel's backlog.
 *
 * <p>Failures: an I/O failure of one accept ({@code emfile} when the process is out of
 * descriptors) goes to the caller it was for, and the next accept tries again, as in Erlang. Any
 * other throwable ends the acceptor thread, so it closes the listen socket and tells every
 * caller why (see {@link #fatal}); the thread never dies unheard.
 */
public final class Acceptor {
    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());
    private final ServerSocketChannel server;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final ArrayDeque<SocketChannel> ready = new ArrayDeque<>();
    private final Accepting accepting;
    private final Runnable onFatal;
    private boolean running;
    private boolean closed;
    /** Why accepting stopped for good, when it was not a close. */
    private InetException fatal;

    private static final class Waiter {
        final Condition done;
        SocketChannel channel;
        InetException failure;

        Waiter(Condition done) {
            this.done = done;
        }
    }

    static {
        // Loaded now, not at the first failed accept: at emfile a class file cannot be opened.
        Failures.classify(new IOException("preload"));
    }

    /** What the acceptor thread calls to take one connection: the server's accept, or a test's. */
    interface Accepting {
        SocketChannel accept() throws IOException;
    }

    /**
     * @param onFatal run once if accepting fails for good (after waiters heard why), so the
     *     listen socket's owner can forget it; the acceptor then closes the server itself
     */
    public Acceptor(ServerSocketChannel server, Runnable onFatal) {
        this(server, server::accept, onFatal);
    }

    Acceptor(ServerSocketChannel server, Accepting accepting, Runnable onFatal) {
        this.server = server;
        this.accepting = accepting;
        this.onFatal = onFatal;
    }

    /** The next connection, waiting at most {@code timeoutMillis} ({@code Long.MAX_VALUE}: forever). */
    public SocketChannel accept(long timeoutMillis) throws InetException {
        Deadline deadline = Deadline.after(timeoutMillis);
        lock.lock();
        try {
            if (closed) {
                throw closedException();
            }
            SocketChannel early = ready.poll();
            if (early != null) {
                return early;
            }
            Waiter w = new Waiter(lock.newCondition());
            waiters.add(w);
            if (!running) {
                running = true;
                Thread.ofVirtual().name("otpnet-acceptor").start(this::run);
            }
            try {
                while (w.channel == null && w.failure == null) {
                    long wait = deadline.remainingNanos();
                    if (wait <= 0) {
                        waiters.remove(w);
                        throw new InetException(InetError.TIMEOUT);
                    }
                    w.done.awaitNanos(wait);
                }
            } catch (InterruptedException e) {
                waiters.remove(w);
                if (w.channel != null) {
                    ready.addFirst(w.channel);
                }
                Thread.currentThread().interrupt();
                throw new InetException(InetError.CLOSED, "interrupted while accepting", e);
            }
            if (w.failure != null) {
                throw w.failure;
            }
            return w.channel;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            serve();
        } catch (Throwable t) {
            fatal(t);
        }
    }

    private void serve() {
        while (true) {
            lock.lock();
            try {
                if (closed || waiters.isEmpty()) {
                    running = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            SocketChannel ch = null;
            InetException failure = null;
            try {
                ch = accepting.accept();
            } catch (IOException e) {
                // emfile, enfile, enobufs...: this caller hears it; the next accept tries again.
                failure = server.isOpen() ? Failures.toInet(e) : new InetException(InetError.CLOSED);
            } catch (LinkageError e) {
                if (e instanceof ExceptionInInitializerError
                        || String.valueOf(e.getMessage()).startsWith("Could not initialize class")) {
                    throw e; // a class whose initialisation failed stays failed: fatal, below
                }
                // Out of descriptors, loading a class from a directory fails too (it cannot open the
                // class file): a passing emfile, which the waiter hears and the next accept retries.
                failure = new InetException(Posix.EMFILE, String.valueOf(e), e);
            }
            lock.lock();
            try {
                if (!server.isOpen()) {
                    closeQuietly(ch);
                    failAll(new InetException(InetError.CLOSED));
                    running = false;
                    return;
                }
                Waiter w = waiters.poll();
                if (w == null) {
                    if (ch != null) {
                        ready.add(ch);
                    }
                } else {
                    w.channel = ch;
                    w.failure = failure;
                    w.done.signal();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Something other than an I/O failure stopped the acceptor (an {@link Error}: memory, a JDK
     * component that failed to start): accepting cannot be trusted to go on, so the listen socket
     * closes, every waiting caller gets the reason, later callers {@code closed} with it as the
     * detail, and the owner's close hook runs. Nothing ends silently.
     */
    private void fatal(Throwable t) {
        Reason reason = t instanceof OutOfMemoryError ? Posix.ENOMEM : InetError.SYSTEM_LIMIT;
        InetException e = new InetException(reason, "the listen socket closed: accepting failed with " + t, t);
        LOG.log(System.Logger.Level.ERROR, "otpnet: " + e.getMessage(), t);
        lock.lock();
        try {
            fatal = e;
            running = false;
        } finally {
            lock.unlock();
        }
        onFatal.run();
        close();
    }

    /** Closes the listen socket; every waiting accept returns {@code closed}. */
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closed either way
        }
        lock.lock();
        try {
            failAll(fatal != null ? fatal : new InetException(InetError.CLOSED));
            for (SocketChannel ch : ready) {
                closeQuietly(ch);
            }
            ready.clear();
        } finally {
            lock.unlock();
        }
    }

    private InetException closedException() {
        return fatal == null ? new InetException(InetError.CLOSED)
                : new InetException(InetError.CLOSED, fatal.getMessage(), fatal);
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

    private void failAll(InetException e) {
        closed = true;
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            w.failure = e;
            w.done.signal();
            it.remove();
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
