package dev.otpnet.internal.conn;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.internal.wire.Failures;
import dev.otpnet.internal.wire.PolledWire;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The receive side of a socket: the state its three roles share, and the entry points
 * {@link Conn} calls.
 *
 * <pre>
 *   wire ──{@link ReadLoop}──▶ {@link ReceiveBuffer} ──{@link Framer}──▶ packet
 *                                                  ├─ {@link ActiveDelivery}: Data to the owner
 *                                                  └─ {@link RecvQueue}: returned by recv, in turn
 * </pre>
 *
 * <p>Flow control: the reader reads only while someone wants more than is buffered
 * ({@link #readTarget}): an active socket whose buffer holds no whole packet, or a {@code recv}
 * waiting for one. A passive socket nobody reads from is not read at all, so the kernel's window
 * closes and the peer blocks: memory stays bounded by one read ahead.
 *
 * <p>Failures: however reading ends (the peer's FIN, a reset, a framing error, or a throwable
 * such as {@link OutOfMemoryError} in the reader or in a decode), the owner hears it: {@code Error}
 * then {@code Closed} in active mode, the reason from {@code recv} in passive mode. A throwable
 * also closes the descriptor at once and lets every buffer go ({@link #fault}).
 *
 * <p>Two kinds of reader: on a polled wire (a gen_tcp socket, or a TLS session over one) a
 * {@link ReadPump}, which has no thread and reads on readiness; on any other wire (a user's
 * transport) a {@link ReadLoop} on a virtual thread of its own, which blocks in its reads.
 *
 * <p>Thread confinement: all state is guarded by {@link #lock}. Two conditions, so a wake-up
 * goes only to whom it concerns: the reader parks in {@link #awaitWanted} until
 * {@link #wakeReader} (someone wants bytes, the settings changed, the socket stopped), and the
 * waiting {@code recv}s wait on {@link RecvQueue#changed} (bytes arrived, the stream ended, a turn
 * passed). The reader thread reads with the lock released; the pump, which never blocks, with
 * the lock held.
 */
final class Receiver {
    private static final System.Logger LOG = System.getLogger(Receiver.class.getName());

    final ReentrantLock lock = new ReentrantLock();
    /** The reader's thread, and whether it is parked in {@link #awaitWanted} (guarded by the lock). */
    private Thread reader;
    private boolean readerParked;
    final Conn conn;
    final Counters counters = new Counters();
    final ReceiveBuffer buffer = new ReceiveBuffer();
    final Framer framer = new Framer();
    /** The number of buffered bytes a consumer needs before it can make progress; 0 when none waits. */
    int readTarget;
    /** Why reading ended (closed for the peer's FIN), or null while the stream is open. */
    Reason readEnd;
    /** Whether the end was reported once (Closed delivered or recv returned it). */
    boolean endReported;
    /** The socket is closed (or taken over): nothing more is read or returned. */
    boolean stopped;
    /** Whether the reader is inside wire.read (with the lock released). */
    boolean reading;
    private final ActiveDelivery active = new ActiveDelivery(this);
    /** Passive callers in turn; made at the first {@code recv} (an active socket never needs one). */
    private RecvQueue passive;
    /** The thread-less reader of a polled wire; null when a {@link ReadLoop} thread reads. */
    private ReadPump pump;
    /** Counts reads that brought bytes or the end, so a recv sees whether waking the reader moved anything. */
    long progress;

    Receiver(Conn conn) {
        this.conn = conn;
    }

    void start(String name) {
        lock.lock();
        try {
            if (conn.wire() instanceof PolledWire t && t.isPolled()) {
                pump = new ReadPump(this, active, t);
                t.onReadable(pump::fired);
                pump.run();
                return;
            }
            reader = Thread.ofVirtual().name(name).unstarted(new ReadLoop(this, active)::run);
        } finally {
            lock.unlock();
        }
        if (pump == null) {
            reader.start();
        }
    }

    /** Wakes the reader and every waiting recv; called, under the lock, after any change of settings. */
    void signal() {
        wakeReader();
        wakeReceivers();
    }

    /** Wakes the waiting {@code recv}s, if the socket ever had any: bytes came, the end, a change. Under the lock. */
    private void wakeReceivers() {
        if (passive != null) {
            passive.changed.signalAll();
        }
    }

    /**
     * Wakes the reader if it waits in {@link #awaitWanted}; a pump runs on the calling thread
     * instead, reading what is there without waiting. Called under the lock.
     */
    void wakeReader() {
        if (pump != null) {
            pump.run();
        } else if (readerParked) {
            readerParked = false;
            LockSupport.unpark(reader);
        }
    }

    /**
     * The reader waits, with the lock released, until {@link #wakeReader} (or spuriously: the
     * caller re-checks). A park rather than a {@link Condition}: it waits after every
     * {@code {active, once}} delivery, and a condition's await allocates a node each time. An
     * unpark that comes between the unlock and the park is not lost (the park returns at once).
     */
    void awaitWanted() throws InterruptedException {
        readerParked = true;
        lock.unlock();
        try {
            LockSupport.park(this);
        } finally {
            lock.lock();
            readerParked = false;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** Stops reading for good (the socket is closed): buffers go, waiting receivers get {@code closed}. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            buffer.releaseAll(!reading);
            signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads once from the wire into the buffer's free space, with the lock released during the
     * read; one reader at a time ({@link #reading}). Called under the lock by the reader, or by
     * the owner's own {@code recv} (see {@link RecvQueue}).
     */
    void readOnce() {
        ByteBuffer space = buffer.space(readTarget, framer.exact());
        int offered = space.remaining();
        int n;
        Reason failure = null;
        reading = true;
        lock.unlock();
        try {
            n = conn.wire().read(space);
        } catch (Exception e) {
            n = -1;
            failure = Failures.classify(e);
        } finally {
            lock.lock();
            reading = false;
        }
        if (stopped) {
            return;
        }
        if (n > 0) {
            filled(n, offered);
        } else if (n < 0) {
            ended(failure == null ? InetError.CLOSED : failure);
        }
    }

    /** A read put {@code n} bytes into the last {@link ReceiveBuffer#space}, which offered {@code offered}. Under the lock. */
    void filled(int n, int offered) {
        buffer.filled(n, offered);
        counters.addOctets(n);
        progress++;
        wakeReceivers();
    }

    /** Reading ended (the peer's FIN, or {@code why} a read failed); the first reason stays. Under the lock. */
    void ended(Reason why) {
        if (readEnd == null) {
            readEnd = why;
        }
        progress++;
        wakeReceivers();
    }

    /** Whether a thread-less pump reads this socket (so nobody may block in a read of it). */
    boolean pumped() {
        return pump != null;
    }

    Object recv(int length, long timeoutMillis) throws InetException {
        RecvQueue q = passive; // a racy look: null sends the caller to the lock, which settles it
        if (q == null) {
            lock.lock();
            try {
                if (passive == null) {
                    passive = new RecvQueue(this);
                }
                q = passive;
            } finally {
                lock.unlock();
            }
        }
        return q.recv(length, timeoutMillis);
    }

    /**
     * One packet from the buffer, or null; then {@link #readTarget} says how many buffered bytes
     * are needed, or the framer holds a framing error. Nothing is decoded while a huge packet is
     * still being gathered.
     */
    Object decode(Settings s, int length) {
        if (buffer.isGathering()) {
            readTarget = buffer.gatheringTarget();
            return null;
        }
        Object packet;
        try {
            packet = framer.next(buffer.bytes(), buffer.slicer, s, length, counters);
        } catch (OutOfMemoryError e) {
            fault(e);
            return null;
        }
        readTarget = packet != null ? 0 : framer.needed();
        return packet;
    }

    /**
     * The socket cannot go on receiving (memory ran out, or a bug): everything buffered is let
     * go, the descriptor closes now (the peer sees a reset), and the owner hears why, with
     * {@code enomem} for memory and {@code system_limit} for anything else. Called under the lock.
     */
    void fault(Throwable t) {
        Reason reason = t instanceof OutOfMemoryError ? Posix.ENOMEM : InetError.SYSTEM_LIMIT;
        buffer.releaseAll(!reading);
        LOG.log(System.Logger.Level.ERROR, "otpnet: " + conn.handle() + " stopped receiving: " + reason, t);
        readEnd = reason;
        readTarget = 0;
        conn.wire().abort();
        signal();
        Settings s = conn.settings();
        if (s.isActive() && !stopped) {
            active.deliverEnd(s);
        }
    }

    /**
     * The error to report for how reading ended, or null for a plain close: the peer's FIN is
     * {@code closed}; a reset shows only with {@code show_econnreset}; any other failure
     * (etimedout, a TLS alert, a truncated TLS stream, enomem) is reported as itself.
     */
    Reason failureToReport(Settings s) {
        if (readEnd == null || readEnd == InetError.CLOSED) {
            return null;
        }
        if (readEnd == Posix.ECONNRESET) {
            return s.showEconnreset() ? Posix.ECONNRESET : null;
        }
        return readEnd;
    }

    /** Whether reporting the end also closes the socket: an error, exit_on_close, or a failure. */
    boolean closesAtEnd(Settings s) {
        return framer.error() != null || s.exitOnClose() || readEnd != InetError.CLOSED;
    }

    void deliver(SocketMessage m) {
        conn.deliver(m);
    }

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
            signal();
            return Bytes.wrap(buffer.takeAll());
        } finally {
            lock.unlock();
        }
    }
}
