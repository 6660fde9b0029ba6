package dev.otpnet.internal.conn;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.internal.time.Deadline;
import dev.otpnet.internal.wire.Failures;
import dev.otpnet.packet.PacketType;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The receive side of a socket: one reader virtual thread, the receive buffer, the framing
 * decoder, active-mode delivery and passive {@code recv}.
 *
 * <pre>
 *   wire ──read──▶ [ buffer: consumed | unconsumed bytes | free ] ──decode──▶ packet
 *                                                                   ├─ active: Data to the owner
 *                                                                   └─ passive: returned by recv
 * </pre>
 *
 * <p>Flow control: the reader reads only while someone wants more than is buffered
 * ({@link #readTarget}): an active socket whose buffer holds no whole packet, or a {@code recv}
 * waiting for one. A passive socket nobody reads from is not read at all, so the kernel's window
 * closes and the peer blocks: memory stays bounded by one read ahead.
 *
 * <p>Thread confinement: all state is guarded by {@link #lock}. The reader reads into the free
 * tail of the buffer with the lock released; consumers only move the buffer's position, and only
 * the reader compacts or grows it (under the lock, never while a read is in flight).
 */
final class Receiver {
    private static final int INITIAL_CAPACITY = 32 * 1024;

    final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Conn conn;
    private final Counters counters = new Counters();

    /** Unconsumed bytes between position and limit; the free tail is limit..capacity. */
    private ByteBuffer buf = ByteBuffer.allocate(INITIAL_CAPACITY).flip();
    private final Framer framer = new Framer();
    /** The number of buffered bytes a consumer needs before it can make progress; 0 when none waits. */
    private int readTarget;
    /** Why reading ended (closed for the peer's FIN), or null while the stream is open. */
    private Reason readEnd;
    /** A framing error not yet reported to a consumer. */
    /** Whether the end was reported once (Closed delivered or recv returned closed). */
    private boolean endReported;
    private boolean stopped;
    /** Whether the reader is inside wire.read (with the lock released). */
    private boolean reading;
    private long nextTicket;
    private long serving;

    Receiver(Conn conn) {
        this.conn = conn;
    }

    void start(String name) {
        Thread.ofVirtual().name(name).start(this::run);
    }

    /** Wakes the reader and every waiting recv; called after any change of settings or state. */
    void signal() {
        changed.signalAll();
    }

    /** Stops reading for good (the socket is closed); waiting receivers get {@code closed}. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- reader thread

    private void run() {
        lock.lock();
        try {
            while (!stopped) {
                Settings s = conn.settings();
                if (s.isActive()) {
                    if (deliverOne(s)) {
                        continue;
                    }
                    if (readEnd != null || framer.error() != null) {
                        deliverEnd(s);
                        return;
                    }
                }
                if (readEnd != null || buf.remaining() >= readTarget) {
                    changed.await();
                    continue;
                }
                readChunk();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Reads once from the wire into the buffer's free tail, with the lock released during the read. */
    private void readChunk() {
        ensureRoom();
        ByteBuffer dst = buf.duplicate();
        dst.position(buf.limit()).limit(buf.capacity());
        int n;
        Reason failure = null;
        reading = true;
        lock.unlock();
        try {
            n = conn.wire().read(dst);
        } catch (Exception e) {
            n = -1;
            failure = Failures.classify(e);
        } finally {
            lock.lock();
            reading = false;
        }
        if (n > 0) {
            buf.limit(buf.limit() + n);
            counters.addOctets(n);
        } else if (n < 0 && !stopped) {
            readEnd = failure == null ? InetError.CLOSED : failure;
        }
        changed.signalAll();
    }

    /**
     * Makes room in the free tail for at least one more byte. The buffer grows by doubling as bytes
     * arrive, never to a size a header merely announced: a peer that announces 2 GiB and sends ten
     * bytes costs ten bytes (packet_size, when set, refuses it before anything is buffered).
     */
    private void ensureRoom() {
        if (buf.remaining() == 0 && buf.capacity() > INITIAL_CAPACITY) {
            buf = ByteBuffer.allocate(INITIAL_CAPACITY).flip();
            return;
        }
        if (buf.limit() < buf.capacity()) {
            return;
        }
        if (buf.position() > 0) {
            buf.compact().flip();
            return;
        }
        int grown = (int) Math.min((long) buf.capacity() * 2, Integer.MAX_VALUE - 8);
        if (grown <= buf.capacity()) {
            return;
        }
        ByteBuffer bigger = ByteBuffer.allocate(grown);
        bigger.put(buf).flip();
        buf = bigger;
    }

    // ---------------------------------------------------------------- active delivery

    /** Decodes and delivers one packet to the owner; false when no whole packet is buffered. */
    private boolean deliverOne(Settings s) {
        Object packet = decode(s, 0);
        if (packet == null) {
            return false;
        }
        Object data = Framer.present(s, packet);
        conn.deliver(s.deliverTerm()
                ? new SocketMessage.Data(conn.handle(), data)
                : new SocketMessage.PortData(conn.handle(), data));
        Settings after = s.afterDelivery();
        if (after != s) {
            conn.replaceSettings(after);
            if (s.active() == ActiveMode.N && !after.isActive()) {
                conn.deliver(new SocketMessage.Passive(conn.handle()));
            }
        }
        return true;
    }

    /** Reports the end of the stream to an active owner: Error first if there is one, then Closed once. */
    private void deliverEnd(Settings s) {
        if (endReported) {
            return;
        }
        endReported = true;
        Reason error = framer.error() != null ? framer.error() : failureToReport(s);
        if (error != null) {
            conn.deliver(new SocketMessage.Error(conn.handle(), error));
        }
        conn.deliver(new SocketMessage.Closed(conn.handle()));
        conn.peerClosed(error != null || s.exitOnClose() || readEnd != InetError.CLOSED, false);
    }

    // ---------------------------------------------------------------- passive recv

    Object recv(int length, long timeoutMillis) throws InetException {
        Deadline deadline = Deadline.after(timeoutMillis);
        lock.lock();
        long ticket = nextTicket++;
        try {
            while (true) {
                if (stopped) {
                    throw new InetException(InetError.CLOSED);
                }
                Settings s = conn.settings();
                if (s.isActive()) {
                    throw new InetException(Posix.EINVAL, "recv on a socket in {active," + s.active() + "}", null);
                }
                if (length > 0 && s.packet() != PacketType.RAW) {
                    throw new InetException(Posix.EINVAL,
                            "a length is only allowed in raw mode, not with {packet," + s.packet() + "}", null);
                }
                if (ticket == serving) {
                    Object packet = decode(s, length);
                    if (packet != null) {
                        readTarget = 0;
                        return Framer.present(s, packet);
                    }
                    if (framer.error() != null || readEnd != null) {
                        throw endOfStream(s);
                    }
                    changed.signalAll();
                }
                long wait = deadline.remainingNanos();
                if (wait <= 0) {
                    readTarget = 0;
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
            lock.unlock();
        }
    }

    /** A receiver that gave up before its turn: later turns must not wait for it. */
    private final java.util.TreeSet<Long> abandoned = new java.util.TreeSet<>();

    private void skipTicket(long ticket) {
        abandoned.add(ticket);
        while (abandoned.remove(serving)) {
            serving++;
        }
        changed.signalAll();
    }

    /** The error a passive receiver sees at the end of the stream; the first sees why, later ones enotconn. */
    private InetException endOfStream(Settings s) {
        if (endReported) {
            return new InetException(Posix.ENOTCONN);
        }
        endReported = true;
        Reason failure = failureToReport(s);
        Reason reason = framer.error() != null ? framer.error() : failure != null ? failure : InetError.CLOSED;
        conn.peerClosed(framer.error() != null || s.exitOnClose() || readEnd != InetError.CLOSED, true);
        return new InetException(reason);
    }

    /**
     * The error to report for how reading ended, or null for a plain close: the peer's FIN is
     * {@code closed}; a reset shows only with {@code show_econnreset}; any other failure
     * (etimedout, a TLS alert, a truncated TLS stream) is reported as itself.
     */
    private Reason failureToReport(Settings s) {
        if (readEnd == null || readEnd == InetError.CLOSED) {
            return null;
        }
        if (readEnd == Posix.ECONNRESET) {
            return s.showEconnreset() ? Posix.ECONNRESET : null;
        }
        return readEnd;
    }

    // ---------------------------------------------------------------- framing

    /**
     * One packet from the buffer, or null; then {@link #readTarget} says how many buffered bytes
     * are needed, or the framer holds a framing error.
     */
    private Object decode(Settings s, int length) {
        Object packet = framer.next(buf, s, length, counters);
        readTarget = packet != null ? 0 : framer.needed();
        return packet;
    }

    // ---------------------------------------------------------------- stats and hand-over

    void fillStats(long[] out) {
        lock.lock();
        try {
            out[0] = counters.octets;
            out[1] = counters.count;
            out[2] = counters.max;
            out[3] = counters.avg();
            out[4] = counters.dvi();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops reading without touching the wire and hands over the bytes read but not delivered (for
     * an upgrade to TLS). Refused with {@code einval} while a read is in flight, since a blocking read
     * cannot be taken back without closing the wire.
     */
    Bytes detach() throws InetException {
        lock.lock();
        try {
            if (reading) {
                throw new InetException(Posix.EINVAL, "a read is in progress on the socket", null);
            }
            stopped = true;
            changed.signalAll();
            byte[] a = new byte[buf.remaining()];
            buf.get(a);
            return Bytes.wrap(a);
        } finally {
            lock.unlock();
        }
    }
}
