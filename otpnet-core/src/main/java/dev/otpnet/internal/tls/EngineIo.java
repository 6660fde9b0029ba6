package dev.otpnet.internal.tls;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.internal.wire.Wire;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves bytes between a plaintext caller and a lower {@link Wire} through an {@link SSLEngine},
 * using nothing but the {@code SSLEngine} interface.
 *
 * <p><b>Buffers.</b> {@code netIn} holds ciphertext read but not yet unwrapped, {@code appIn}
 * plaintext unwrapped but not yet delivered (both kept in read mode), {@code netOut} ciphertext
 * wrapped but not yet written. They are allocated once and grown only when the engine asks for
 * more; a read into a large enough destination unwraps straight into it, and a write wraps as
 * many records as fit before one lower write.
 *
 * <p><b>Threads.</b> The inbound side ({@code netIn}, {@code appIn}, unwrap, lower reads) is
 * guarded by {@code inLock}, the outbound side ({@code netOut}, wrap, lower writes) by
 * {@code outLock}; a reader and a writer run at once. A reader that must answer a handshake
 * message (a TLS 1.3 KeyUpdate, a renegotiation, a close_notify) takes {@code outLock} while
 * holding {@code inLock}; a writer that must wait for the peer's handshake messages releases
 * {@code outLock} first and then either unwraps itself (when no reader is active) or waits for
 * the reader's progress. Lock order is therefore always in, then out.
 */
final class EngineIo {
    private static final ByteBuffer[] NO_DATA = {ByteBuffer.allocate(0)};

    private final Wire lower;
    private final SSLEngine engine;
    private final ReentrantLock inLock = new ReentrantLock();
    private final ReentrantLock outLock = new ReentrantLock();
    private final ReentrantLock progressLock = new ReentrantLock();
    private final Condition progressed = progressLock.newCondition();
    private final AtomicLong progress = new AtomicLong();
    private volatile int waiters;

    private ByteBuffer netIn;
    private ByteBuffer appIn = ByteBuffer.allocate(0);
    private int appBufferSize;
    private ByteBuffer netOut;
    private final ByteBuffer[] outArray = new ByteBuffer[1];

    private volatile HandshakeObserver observer;
    private volatile InboundGuard guard;
    private volatile boolean peerClosed;
    private volatile boolean truncated;
    private volatile boolean stopping;

    /** Looks at ciphertext before it is unwrapped; may end the connection by throwing. */
    interface InboundGuard {
        void check(ByteBuffer netIn) throws IOException;
    }

    /**
     * @param initialNetIn bytes already read from {@code lower} (a ClientHello), in write mode,
     *                     or {@code null}
     */
    EngineIo(Wire lower, SSLEngine engine, ByteBuffer initialNetIn, HandshakeObserver observer) {
        this.lower = lower;
        this.engine = engine;
        this.observer = observer;
        int packet = engine.getSession().getPacketBufferSize();
        this.appBufferSize = engine.getSession().getApplicationBufferSize();
        if (initialNetIn != null && initialNetIn.capacity() >= packet) {
            this.netIn = initialNetIn.flip();
        } else {
            this.netIn = ByteBuffer.allocate(packet);
            if (initialNetIn != null) {
                netIn.put(initialNetIn.flip());
            }
            netIn.flip();
        }
        if (observer != null && netIn.hasRemaining()) {
            observer.inbound(netIn.duplicate());
        }
        this.netOut = ByteBuffer.allocate(2 * packet);
    }

    SSLEngine engine() {
        return engine;
    }

    void guard(InboundGuard g) {
        this.guard = g;
    }

    /** Stops feeding the observer: the initial handshake is over. */
    void handshakeDone() {
        observer = null;
    }

    boolean peerClosed() {
        return peerClosed;
    }

    /** Whether the peer closed the transport without a close_notify after the handshake. */
    boolean truncated() {
        return truncated;
    }

    // ---- inbound -------------------------------------------------------------------------

    int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        inLock.lock();
        try {
            while (true) {
                if (appIn.hasRemaining()) {
                    return transfer(appIn, dst);
                }
                if (peerClosed) {
                    return -1;
                }
                int n = unwrapOnce(dst);
                if (n > 0) {
                    return n;
                }
            }
        } finally {
            inLock.unlock();
            signalProgress();
        }
    }

    /**
     * One unwrap, reading the lower wire first when no ciphertext is buffered. Plaintext goes
     * straight into {@code dst} when it is large enough and nothing is buffered, else into appIn.
     *
     * @return the bytes put into {@code dst}
     */
    private int unwrapOnce(ByteBuffer dst) throws IOException {
        if (!netIn.hasRemaining()) {
            fill();
            return 0;
        }
        InboundGuard g = guard;
        if (g != null) {
            g.check(netIn);
        }
        boolean direct = dst != null && !appIn.hasRemaining() && dst.remaining() >= appBufferSize;
        SSLEngineResult r;
        if (direct) {
            r = engine.unwrap(netIn, dst);
        } else {
            if (appIn.capacity() < appBufferSize) {
                appIn = ByteBuffer.allocate(appBufferSize).put(appIn).flip();
            }
            appIn.compact();
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                appIn.flip();
            }
        }
        switch (r.getStatus()) {
            case BUFFER_UNDERFLOW -> fill();
            case BUFFER_OVERFLOW -> {
                appBufferSize = Math.max(appBufferSize, engine.getSession().getApplicationBufferSize());
                if (!direct) {
                    appIn = ByteBuffer.allocate(appIn.remaining() + appBufferSize).put(appIn).flip();
                }
            }
            case CLOSED -> peerClosed = engine.isInboundDone();
            case OK -> { }
        }
        signalProgress();
        answer(r.getHandshakeStatus());
        return direct ? r.bytesProduced() : 0;
    }

    private void fill() throws IOException {
        netIn.compact();
        if (!netIn.hasRemaining()) {
            int size = Math.max(netIn.capacity() * 2, engine.getSession().getPacketBufferSize());
            netIn = ByteBuffer.allocate(size).put(netIn.flip());
        }
        int start = netIn.position();
        int n;
        try {
            n = lower.read(netIn);
        } finally {
            netIn.flip();
        }
        if (n < 0) {
            endOfStream();
            return;
        }
        HandshakeObserver o = observer;
        if (o != null) {
            o.inbound(netIn.duplicate().position(start));
        }
    }

    private void endOfStream() throws InetException {
        if (engine.isOutboundDone()) {
            peerClosed = true;
            return;
        }
        if (observer == null) {
            truncated = true;
            throw new InetException(InetError.CLOSED,
                    "truncated: the peer closed the transport without sending a TLS close_notify", null);
        }
        throw new InetException(InetError.CLOSED, "the peer closed the transport during the TLS handshake", null);
    }

    /** Does what the engine asks after an operation: run tasks, send handshake records. */
    private void answer(HandshakeStatus hs) throws IOException {
        HandshakeStatus s = hs;
        while (true) {
            switch (s) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> wrapHandshake();
                default -> {
                    return;
                }
            }
            s = engine.getHandshakeStatus();
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    // ---- outbound ------------------------------------------------------------------------

    void write(ByteBuffer[] srcs) throws IOException {
        outLock.lock();
        try {
            while (hasRemaining(srcs)) {
                SSLEngineResult r = engine.wrap(srcs, netOut);
                switch (r.getStatus()) {
                    case OK -> {
                        if (netOut.remaining() < engine.getSession().getPacketBufferSize()) {
                            flush();
                        }
                    }
                    case BUFFER_OVERFLOW -> makeRoom();
                    case CLOSED -> throw new InetException(InetError.CLOSED, "TLS output is closed", null);
                    case BUFFER_UNDERFLOW -> throw new IllegalStateException("wrap reported BUFFER_UNDERFLOW");
                }
                switch (r.getHandshakeStatus()) {
                    case NEED_TASK -> runTasks();
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (r.bytesConsumed() == 0) {
                            flush();
                            outLock.unlock();
                            try {
                                awaitPeerHandshake();
                            } finally {
                                outLock.lock();
                            }
                        }
                    }
                    default -> { }
                }
            }
            flush();
        } finally {
            outLock.unlock();
        }
    }

    /** Wraps and sends what the engine wants to send of its own (handshake, alerts). */
    void wrapHandshake() throws IOException {
        outLock.lock();
        try {
            while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                SSLEngineResult r = engine.wrap(NO_DATA, netOut);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    makeRoom();
                    continue;
                }
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED || r.bytesProduced() == 0) {
                    break;
                }
            }
            flush();
        } finally {
            outLock.unlock();
        }
    }

    private void makeRoom() throws IOException {
        if (netOut.position() > 0) {
            flush();
        } else {
            netOut = ByteBuffer.allocate(netOut.capacity() * 2);
        }
    }

    private void flush() throws IOException {
        if (netOut.position() == 0) {
            return;
        }
        netOut.flip();
        try {
            HandshakeObserver o = observer;
            if (o != null) {
                o.outbound(netOut.duplicate());
            }
            outArray[0] = netOut;
            lower.write(outArray);
        } finally {
            netOut.clear();
        }
    }

    private static boolean hasRemaining(ByteBuffer[] srcs) {
        for (ByteBuffer b : srcs) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    // ---- handshakes ----------------------------------------------------------------------

    /**
     * Runs the initial handshake (after {@code beginHandshake}) to its end on the calling thread,
     * which must be the only one using this object meanwhile.
     */
    void runHandshake() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrapHandshake();
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrapForHandshake();
                case NEED_TASK -> runTasks();
                case FINISHED, NOT_HANDSHAKING -> {
                    return;
                }
            }
            if (peerClosed) {
                throw new InetException(InetError.CLOSED, "the peer closed the TLS connection during the handshake", null);
            }
        }
    }

    private void unwrapForHandshake() throws IOException {
        inLock.lock();
        try {
            unwrapOnce(null);
        } finally {
            inLock.unlock();
        }
    }

    /**
     * Drives a handshake started on an established connection (renegotiation, key update) until
     * the engine no longer needs the peer, cooperating with a reader that may be running.
     */
    void driveHandshake() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrapHandshake();
                case NEED_TASK -> runTasks();
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> awaitPeerHandshake();
                case FINISHED, NOT_HANDSHAKING -> {
                    return;
                }
            }
        }
    }

    /**
     * Waits until the engine no longer waits for the peer's handshake messages: unwraps itself
     * when no reader holds the inbound side, else lets the reader do it and waits for its
     * progress. Application data met on the way is kept for the next {@link #read}.
     */
    private void awaitPeerHandshake() throws IOException {
        while (needsUnwrap()) {
            if (stopping) {
                throw new InetException(InetError.CLOSED);
            }
            long seen = progressSeen();
            if (inLock.tryLock()) {
                try {
                    if (needsUnwrap() && !peerClosed) {
                        unwrapOnce(null);
                    }
                    if (peerClosed) {
                        throw new InetException(InetError.CLOSED, "the peer closed the TLS connection during a handshake", null);
                    }
                } finally {
                    inLock.unlock();
                }
            } else {
                awaitProgress(seen);
            }
        }
    }

    private boolean needsUnwrap() {
        HandshakeStatus s = engine.getHandshakeStatus();
        return s == HandshakeStatus.NEED_UNWRAP || s == HandshakeStatus.NEED_UNWRAP_AGAIN;
    }

    private long progressSeen() {
        return progress.get();
    }

    private void awaitProgress(long seen) throws InetException {
        progressLock.lock();
        waiters++;
        try {
            while (progress.get() == seen && !stopping && inLock.isLocked()) {
                progressed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InetException(InetError.CLOSED, "interrupted while waiting for the peer's handshake", e);
        } finally {
            waiters--;
            progressLock.unlock();
        }
    }

    /**
     * Counts progress always and wakes waiters only when there are some: a waiter registers
     * before it checks the count, and we count before we look for waiters, so one of the two
     * sees the other.
     */
    private void signalProgress() {
        progress.incrementAndGet();
        if (waiters > 0) {
            progressLock.lock();
            try {
                progressed.signalAll();
            } finally {
                progressLock.unlock();
            }
        }
    }

    // ---- closing -------------------------------------------------------------------------

    /**
     * Sends close_notify. With {@code wait} false it gives up at once when a writer holds the
     * outbound side (a close from another thread must not block behind a stuck write).
     *
     * @return whether close_notify was written
     */
    boolean closeOutbound(boolean wait) throws IOException {
        if (wait) {
            outLock.lock();
        } else if (!outLock.tryLock()) {
            return false;
        }
        try {
            engine.closeOutbound();
            while (!engine.isOutboundDone()) {
                SSLEngineResult r = engine.wrap(NO_DATA, netOut);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    makeRoom();
                } else if (r.bytesProduced() == 0) {
                    break;
                }
            }
            flush();
            return true;
        } finally {
            outLock.unlock();
        }
    }

    /** After a failure, sends the alert the engine prepared, if it prepared one; never throws. */
    void sendPendingAlert() {
        if (!outLock.tryLock()) {
            return;
        }
        try {
            for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                SSLEngineResult r = engine.wrap(NO_DATA, netOut);
                if (r.bytesProduced() == 0) {
                    break;
                }
            }
            flush();
        } catch (IOException | RuntimeException e) {
            // the connection is failing already; the alert is a courtesy
        } finally {
            outLock.unlock();
        }
    }

    /** Wakes a writer waiting for the peer's handshake: the wire is closing. */
    void stop() {
        stopping = true;
        progress.incrementAndGet();
        progressLock.lock();
        try {
            progressed.signalAll();
        } finally {
            progressLock.unlock();
        }
    }

    /**
     * After our close_notify: reads until the peer's close_notify and returns the application
     * data that came before it followed by every byte after it (plaintext of the next protocol).
     */
    Bytes awaitPeerCloseAndTakeRest() throws IOException {
        inLock.lock();
        try {
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            while (true) {
                if (appIn.hasRemaining()) {
                    byte[] a = new byte[appIn.remaining()];
                    appIn.get(a);
                    rest.writeBytes(a);
                }
                if (peerClosed) {
                    break;
                }
                unwrapOnce(null);
            }
            byte[] raw = new byte[netIn.remaining()];
            netIn.get(raw);
            rest.writeBytes(raw);
            return Bytes.wrap(rest.toByteArray());
        } finally {
            inLock.unlock();
        }
    }

    private static int transfer(ByteBuffer from, ByteBuffer to) {
        int n = Math.min(from.remaining(), to.remaining());
        if (n == from.remaining()) {
            to.put(from);
        } else {
            to.put(from.slice(from.position(), n));
            from.position(from.position() + n);
        }
        return n;
    }

    /** Whether {@code e} came from the engine (as opposed to the lower wire). */
    static boolean fromEngine(IOException e) {
        return e instanceof SSLException;
    }
}
