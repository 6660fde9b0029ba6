package dev.otpnet.internal.conn;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.internal.process.Current;
import dev.otpnet.internal.time.Deadline;
import dev.otpnet.inet.Reason;
import dev.otpnet.packet.PacketType;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;

/**
 * Passive mode: {@code recv} callers served one at a time in arrival order, as Erlang queues them
 * on the port. Each caller takes a ticket; only the one being served decodes (and so asks the
 * reader for bytes), the others wait their turn or their time-out. A caller that gives up
 * before its turn leaves a gap that later turns skip. A caller whose process was killed while it
 * waited takes nothing: bytes that arrive after its death stay for the next in turn.
 *
 * <p>Thread confinement: callers' threads, under the receiver's lock (released while waiting).
 */
final class RecvQueue {
    private final Receiver r;
    /** Waiting callers wait here for bytes, the end, or their turn. */
    final Condition changed;
    private long nextTicket;
    private long serving;
    /** Tickets whose holders gave up before their turn; null while there are none (most sockets, always). */
    private TreeSet<Long> abandoned;

    RecvQueue(Receiver r) {
        this.r = r;
        this.changed = r.lock.newCondition();
    }

    Object recv(int length, long timeoutMillis) throws InetException {
        Deadline deadline = Deadline.after(timeoutMillis);
        r.lock.lock();
        long ticket = nextTicket++;
        try {
            while (true) {
                if (r.stopped) {
                    throw new InetException(InetError.CLOSED);
                }
                Settings s = r.conn.settings();
                if (s.isActive()) {
                    throw new InetException(Posix.EINVAL, "recv on a socket in {active," + s.active() + "}", null);
                }
                if (length > 0 && s.packet() != PacketType.RAW) {
                    throw new InetException(Posix.EINVAL,
                            "a length is only allowed in raw mode, not with {packet," + s.packet() + "}", null);
                }
                if (ticket == serving) {
                    // A process killed while it waited is dead for everyone (its monitors may have
                    // fired): it must not take bytes that arrived since. It leaves, as any dead
                    // process's call does, and the turn passes on with the bytes still buffered.
                    Current.checkNotDead();
                    Object packet = r.decode(s, length);
                    if (packet != null) {
                        r.readTarget = 0;
                        return Framer.present(s, packet);
                    }
                    if (r.framer.error() != null || r.readEnd != null) {
                        throw endOfStream(s);
                    }
                    if (readsItself(timeoutMillis)) {
                        readInline();
                        continue;
                    }
                    long seen = r.progress;
                    r.wakeReader(); // a pump reads here and now what the kernel holds
                    if (r.progress != seen) {
                        continue;
                    }
                }
                long wait = deadline.remainingNanos();
                if (wait <= 0) {
                    r.readTarget = 0;
                    throw new InetException(InetError.TIMEOUT);
                }
                changed.awaitNanos(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InetException(InetError.CLOSED, "interrupted while receiving", e);
        } finally {
            if (ticket == serving) {
                serving++;
                changed.signalAll();
            } else {
                skipTicket(ticket);
            }
            r.lock.unlock();
        }
    }

    /**
     * Whether this recv reads the wire on its own thread rather than waking the reader and waiting
     * for it (two thread hand-offs per packet fewer): only while nobody else is reading, without a
     * time-out (a blocking read cannot be timed out), and only for the owner, because killing a
     * process interrupts its thread and an interrupted channel read closes the channel, which is
     * what the owner's death does to the socket anyway, but must not happen to anyone else's.
     */
    private boolean readsItself(long timeoutMillis) {
        return timeoutMillis == Deadline.INFINITY && !r.reading && !r.pumped() && r.conn.calledByOwner();
    }

    /** One read on the caller's thread; then the reader is woken if the socket turned active meanwhile. */
    private void readInline() {
        try {
            r.readOnce();
        } catch (Throwable t) {
            r.fault(t); // as in the reader: the socket closes and this recv reports why
        }
        if (r.conn.settings().isActive()) {
            r.wakeReader();
        }
    }

    private void skipTicket(long ticket) {
        if (abandoned == null) {
            abandoned = new TreeSet<>();
        }
        abandoned.add(ticket);
        while (abandoned.remove(serving)) {
            serving++;
        }
        if (abandoned.isEmpty()) {
            abandoned = null;
        }
        changed.signalAll();
    }

    /** The error a passive receiver sees at the end of the stream; the first sees why, later ones enotconn. */
    private InetException endOfStream(Settings s) {
        if (r.endReported) {
            return new InetException(Posix.ENOTCONN);
        }
        r.endReported = true;
        Reason failure = r.failureToReport(s);
        Reason reason = r.framer.error() != null ? r.framer.error() : failure != null ? failure : InetError.CLOSED;
        r.conn.peerClosed(r.closesAtEnd(s), true);
        return new InetException(reason);
    }
}
