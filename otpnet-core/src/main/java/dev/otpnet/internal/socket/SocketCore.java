package dev.otpnet.internal.socket;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.internal.process.ExitHook;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.process.Ref;
import dev.otpnet.socket.Domain;
import dev.otpnet.socket.Protocol;
import dev.otpnet.socket.Socket;
import dev.otpnet.socket.Type;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One socket of the {@code socket} module: its kind, its JDK channel, its owner, its monitors and the
 * calls waiting on it. The calls themselves live in {@link Setup}, {@link Io} and {@link OptionTable}.
 *
 * <p>The channel is always non-blocking; a call that would block parks a {@link Waiter} here and the
 * {@link Poller} fires it. A stream socket starts as a {@code SocketChannel} and becomes a
 * {@code ServerSocketChannel} when it listens (the JDK decides between the two at creation, where the
 * kernel decides at {@code listen}).
 */
public final class SocketCore {
    private static final System.Logger LOG = System.getLogger("dev.otpnet.socket");
    final Ref ref = Ref.make();
    final Domain domain;
    final Type type;
    final Protocol protocol;
    final Socket socket;
    final Counters counters = new Counters();
    final OptionState options = new OptionState();
    final SocketMonitors monitors;
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final ReentrantLock readTurn = new ReentrantLock(true);
    private final ReentrantLock writeTurn = new ReentrantLock(true);
    private final Queue<Waiter> readTurnWaiters = new ConcurrentLinkedQueue<>();
    private final Queue<Waiter> writeTurnWaiters = new ConcurrentLinkedQueue<>();
    private volatile SelectableChannel channel;
    private volatile ProcessCore owner;
    private volatile boolean closed;
    private ExitHook ownerHook;

    SocketCore(Domain domain, Type type, Protocol protocol, SelectableChannel channel, ProcessCore owner)
            throws IOException {
        this.domain = domain;
        this.type = type;
        this.protocol = protocol;
        channel.configureBlocking(false);
        this.channel = channel;
        this.owner = owner;
        this.socket = SocketAccess.newSocket(this);
        this.monitors = new SocketMonitors(socket);
    }

    /** Registers the socket and closes it when its owner exits. Call once, after construction. */
    SocketCore start() {
        SocketRegistry.add(this);
        ExitHook hook = owner.onExit(reason -> close());
        synchronized (this) {
            ownerHook = hook;
        }
        return this;
    }

    /** Logs a call at DEBUG when {@code {otp, debug}} is true. */
    public void trace(String call, Object detail) {
        if (options.debug()) {
            LOG.log(System.Logger.Level.DEBUG, "{0} {1} {2}", socket, call, detail);
        }
    }

    public Ref ref() {
        return ref;
    }

    public Socket socket() {
        return socket;
    }

    ProcessCore owner() {
        return owner;
    }

    SelectableChannel channel() throws InetException {
        if (closed) {
            throw new InetException(InetError.CLOSED);
        }
        return channel;
    }

    /** The channel whatever the state, for {@code i()} and {@code info}. */
    SelectableChannel channelOrNull() {
        return channel;
    }

    /** Swaps in the listening channel; the old one is closed by the caller. */
    void replaceChannel(SelectableChannel next) throws IOException {
        next.configureBlocking(false);
        channel = next;
    }

    boolean isClosed() {
        return closed;
    }

    void checkOpen() throws InetException {
        if (closed) {
            throw new InetException(InetError.CLOSED);
        }
    }

    /** The lock readers ({@code read}) or writers ({@code write}) take turns on; none for {@code acc}. */
    java.util.concurrent.locks.Lock turn(String counter) {
        return switch (counter) {
            case "read" -> readTurn;
            case "write" -> writeTurn;
            default -> null;
        };
    }

    private Queue<Waiter> turnWaiters(String counter) {
        return counter.equals("read") ? readTurnWaiters : writeTurnWaiters;
    }

    /** Parks a {@code nowait} call until the reader or writer whose turn it is lets go of it. */
    void parkForTurn(String counter, Waiter w) throws InetException {
        turnWaiters(counter).add(w);
        if (closed) {
            turnWaiters(counter).remove(w);
            w.abort(InetError.CLOSED);
            throw new InetException(InetError.CLOSED);
        }
        if (!((ReentrantLock) turn(counter)).isLocked()) {
            turnFreed(counter);   // it was let go of meanwhile
        }
    }

    /** Called after {@code unlock}: the calls waiting for the turn get their {@code Select} and try again. */
    void turnFreed(String counter) {
        Queue<Waiter> q = turnWaiters(counter);
        Waiter w;
        while ((w = q.poll()) != null) {
            w.fire();
        }
    }

    /** Parks {@code w} until the poller fires it (or the socket closes). */
    void park(Waiter w) throws InetException {
        waiters.add(w);
        if (closed) {
            waiters.remove(w);
            w.abort(InetError.CLOSED);
            throw new InetException(InetError.CLOSED);
        }
        Poller.get().update(this);
    }

    /** Withdraws a waiter that timed out or was cancelled. */
    void unpark(Waiter w) {
        readTurnWaiters.remove(w);
        writeTurnWaiters.remove(w);
        waiters.remove(w);
        Poller.get().update(this);
    }

    /** The pending {@code nowait} call with this handle, or null. */
    Waiter.Selecting selecting(Ref handle) {
        for (Queue<Waiter> q : List.of(waiters, readTurnWaiters, writeTurnWaiters)) {
            for (Waiter w : q) {
                if (w instanceof Waiter.Selecting s && s.handle.equals(handle)) {
                    return s;
                }
            }
        }
        return null;
    }

    List<Waiter> pendingWaiters() {
        List<Waiter> list = new ArrayList<>();
        for (Queue<Waiter> q : List.of(waiters, readTurnWaiters, writeTurnWaiters)) {
            for (Waiter w : q) {
                if (w.pending()) {
                    list.add(w);
                }
            }
        }
        return list;
    }

    /** Poller thread: fires the waiters whose operations are ready. */
    void fireReady(int readyOps) {
        for (Waiter w : waiters) {
            if ((w.ops & readyOps) != 0 || !w.pending()) {
                waiters.remove(w);
                w.fire();
            }
        }
    }

    /** Poller thread: sets the selection key's interest to what the pending waiters wait for. */
    void syncInterest(Selector selector) {
        SelectableChannel ch = channel;
        int ops = 0;
        for (Waiter w : waiters) {
            if (w.pending()) {
                ops |= w.ops;
            }
        }
        ops &= ch.validOps();
        // Under this socket's monitor, as close() marks it closed: a registration that came after
        // close() let the selector go would keep the kernel socket open until the next selection
        // (a closed listen socket would go on accepting connections).
        synchronized (this) {
            if (closed || !ch.isOpen()) {
                return;
            }
            SelectionKey key = ch.keyFor(selector);
            try {
                if (key == null) {
                    if (ops != 0) {
                        ch.register(selector, ops, this);
                    }
                } else if (key.isValid()) {
                    key.interestOps(ops);
                }
            } catch (ClosedChannelException | CancelledKeyException e) {
                // closed meanwhile: close() aborts the waiters
            }
        }
    }

    /** Makes {@code target} the owner: only the owner may ({@code not_owner}), only to a live process ({@code badarg}). */
    void transfer(ProcessCore target) throws InetException {
        synchronized (this) {
            checkOpen();
            if (ProcessCore.current() != owner) {
                throw new InetException(InetError.NOT_OWNER);
            }
            if (!target.isAlive()) {
                throw new InetException(InetError.BADARG, target.pid() + " is not a live process", null);
            }
            if (target == owner) {
                return;
            }
            if (ownerHook != null) {
                ownerHook.cancel();
            }
            owner = target;
        }
        ExitHook hook = target.onExit(reason -> close());
        synchronized (this) {
            ownerHook = hook;
        }
    }

    /** Closes the socket: false if it was already closed. Aborts waiting calls, tells monitors. */
    boolean close() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
            if (ownerHook != null) {
                ownerHook.cancel();
            }
        }
        Poller.get().release(channel); // so the kernel's socket closes now, not at the next selection
        try {
            channel.close();
        } catch (IOException e) {
            // closed anyway; nothing a caller could do
        }
        options.closeMemberships();
        Poller.get().wakeup();
        for (Queue<Waiter> q : List.of(waiters, readTurnWaiters, writeTurnWaiters)) {
            Waiter w;
            while ((w = q.poll()) != null) {
                w.abort(InetError.CLOSED);
            }
        }
        SocketRegistry.remove(this);
        monitors.fire();
        return true;
    }
}
