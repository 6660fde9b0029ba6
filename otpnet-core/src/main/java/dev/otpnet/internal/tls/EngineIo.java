package dev.otpnet.internal.tls;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.internal.wire.Wire;
import dev.otpnet.ssl.AlertDescription;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves bytes between a plaintext caller and a lower {@link Wire} through an {@link SSLEngine},
 * using nothing but the {@code SSLEngine} interface.
 *
 * <p><b>Buffers.</b> {@code netIn} holds ciphertext read but not yet unwrapped, {@code appIn}
 * plaintext unwrapped but not yet delivered (both kept in read mode); the outbound side is
 * {@link Outbound}. A read into a large enough destination unwraps straight into it. Both come
 * from {@link RecordBuffers#inbound} (direct ones for a native engine), grown when the engine asks for more, and go back before a
 * lower read that may wait (nothing buffered, the last read did not fill its offer): that read
 * waits in {@code idleIn}, {@link #IDLE_IN} bytes, which a short record fits in.
 *
 * <p><b>Threads.</b> The inbound side ({@code netIn}, {@code appIn}, unwrap, lower reads) is
 * guarded by {@code inLock}, the outbound side (wrap, lower writes) by {@link Outbound}'s lock;
 * a reader and a writer run at once. A reader that must answer a handshake
 * message (a TLS 1.3 KeyUpdate, a renegotiation, a close_notify) takes {@code outLock} while
 * holding {@code inLock}; a writer that must wait for the peer's handshake messages releases
 * {@code outLock} first and then either unwraps itself (when no reader is active) or waits for
 * the reader's progress. Lock order is therefore always in, then out.
 */
final class EngineIo {
    static final int IDLE_IN = 512;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Wire lower;
    private final SSLEngine engine;
    private final ReentrantLock inLock = new ReentrantLock();
    private final ReaderProgress progress = new ReaderProgress();

    private ByteBuffer netIn;
    /** A native (netty) engine: its buffers are direct, and it needs the workarounds below. */
    private final boolean nativeEngine;
    private final RecordBuffers inbound;
    private ByteBuffer appIn = EMPTY;
    private ByteBuffer idleIn;
    /** The last lower read filled its offer: more is probably waiting. */
    private boolean streaming;
    private int appBufferSize;
    private final Outbound out;

    private volatile HandshakeObserver observer;
    private volatile InboundGuard guard;
    private volatile boolean peerClosed;
    private volatile boolean truncated;
    /**
     * A native engine took handshake bytes in its last unwrap without finishing: netty's engine
     * notices that those bytes completed the handshake only in its next call, so it gets one more
     * unwrap, with no new input, before we wait for the peer (who may be waiting for us).
     * Guarded by inLock.
     */
    private boolean fedSinceUnwrap;

    /** Looks at ciphertext before it is unwrapped; may end the connection by throwing, or reconfigure the engine. */
    interface InboundGuard {
        void check(ByteBuffer netIn) throws IOException;
    }

    /**
     * @param initialNetIn bytes already read from {@code lower} (a ClientHello), in write mode,
     *                     or {@code null}
     * @param nativeEngine whether the engine is native: its buffers are direct (it reads and
     *                     writes them in place, and the socket fills and drains them without the
     *                     JDK's copy) and it gets the extra unwraps netty's engine needs
     */
    EngineIo(Wire lower, SSLEngine engine, ByteBuffer initialNetIn, HandshakeObserver observer, boolean nativeEngine) {
        this.lower = lower;
        this.nativeEngine = nativeEngine;
        this.engine = engine;
        this.observer = observer;
        int packet = engine.getSession().getPacketBufferSize();
        this.appBufferSize = engine.getSession().getApplicationBufferSize();
        this.inbound = RecordBuffers.inbound(nativeEngine);
        if (initialNetIn != null && initialNetIn.capacity() >= packet && initialNetIn.isDirect() == nativeEngine) {
            this.netIn = initialNetIn.flip();
        } else {
            this.netIn = inbound.take(packet);
            if (initialNetIn != null) {
                netIn.put(initialNetIn.flip());
            }
            netIn.flip();
        }
        if (observer != null && netIn.hasRemaining()) {
            observer.inbound(netIn.duplicate());
        }
        this.out = new Outbound(lower, engine, observer, nativeEngine);
    }

    private ByteBuffer allocate(int size) {
        return nativeEngine ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
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
        fedSinceUnwrap = false;
        out.handshakeDone();
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
            progress.signal();
        }
    }

    /**
     * One unwrap, reading the lower wire first when no ciphertext is buffered. Plaintext goes
     * straight into {@code dst} when it is large enough and nothing is buffered, else into appIn.
     *
     * @return the bytes put into {@code dst}
     */
    private int unwrapOnce(ByteBuffer dst) throws IOException {
        if (!netIn.hasRemaining() && !(nativeEngine && fedSinceUnwrap)) {
            fill();
            return 0;
        }
        fedSinceUnwrap = false;
        InetException overflow = TlsRecords.overflow(netIn, engine, observer != null);
        if (overflow != null) {
            throw overflow;
        }
        InboundGuard g = guard;
        if (g != null && netIn.hasRemaining()) {
            g.check(netIn);
        }
        boolean intoDst = dst != null && !appIn.hasRemaining() && dst.remaining() >= appBufferSize;
        SSLEngineResult r;
        if (intoDst) {
            r = engine.unwrap(netIn, dst);
        } else {
            if (appIn.capacity() < appBufferSize) {
                appIn = inbound.take(appBufferSize).put(appIn).flip();
            }
            appIn.compact();
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                appIn.flip();
            }
        }
        fedSinceUnwrap = nativeEngine && observer != null && r.bytesConsumed() > 0
                && r.getHandshakeStatus() != HandshakeStatus.FINISHED;
        switch (r.getStatus()) {
            case BUFFER_UNDERFLOW -> {
                // a native engine's extra unwrap (fedSinceUnwrap) may finish the handshake without input
                if (r.getHandshakeStatus() != HandshakeStatus.FINISHED) {
                    fill();
                }
            }
            case BUFFER_OVERFLOW -> {
                appBufferSize = Math.max(appBufferSize, engine.getSession().getApplicationBufferSize());
                if (!intoDst) {
                    appIn = allocate(appIn.remaining() + appBufferSize).put(appIn).flip();
                }
            }
            case CLOSED -> peerClosed = engine.isInboundDone();
            case OK -> { }
        }
        progress.signal();
        answer(r.getHandshakeStatus());
        return intoDst ? r.bytesProduced() : 0;
    }

    private void fill() throws IOException {
        netIn.compact();
        if (netIn.position() == 0 && !streaming) {
            idle();
        } else if (!netIn.hasRemaining()) {
            int size = Math.max(netIn.capacity() * 2, engine.getSession().getPacketBufferSize());
            ByteBuffer full = netIn;
            netIn = inbound.take(size).put(full.flip());
            if (full != idleIn) {
                inbound.give(full);
            }
        }
        int start = netIn.position();
        int offered = netIn.remaining();
        int n;
        try {
            n = lower.read(netIn);
        } catch (IOException e) {
            surfaceHeldFailure();
            throw e;
        } finally {
            netIn.flip();
        }
        streaming = n == offered;
        if (n < 0) {
            endOfStream();
            return;
        }
        HandshakeObserver o = observer;
        if (o != null) {
            o.inbound(netIn.duplicate().position(start));
        }
    }

    /** Before a read that may wait, with netIn empty (in write mode): the pooled buffers go back. */
    private void idle() {
        if (!appIn.hasRemaining() && appIn != EMPTY) {
            inbound.give(appIn);
            appIn = EMPTY;
        }
        if (idleIn == null) {
            idleIn = allocate(IDLE_IN);
        }
        if (netIn != idleIn) {
            inbound.give(netIn);
            netIn = idleIn.clear();
        }
    }

    /**
     * netty's engine may hold the failure of the peer's last record (its alert) until the next
     * call: during a handshake, an input-less unwrap surfaces it before we report the transport's
     * end or error, which the peer's leaving after its alert would otherwise mask.
     */
    private void surfaceHeldFailure() throws SSLException {
        if (nativeEngine && observer != null && !engine.isInboundDone()) {
            engine.unwrap(ByteBuffer.allocate(0), ByteBuffer.allocate(0));
        }
    }

    private void endOfStream() throws IOException {
        surfaceHeldFailure();
        if (engine.isOutboundDone()) {
            peerClosed = true;
            return;
        }
        if (observer == null) {
            truncated = true;
            throw new InetException(TlsWire.TRUNCATED,
                    "the peer closed the transport without sending a TLS close_notify", null);
        }
        if (!handshakeNeedsPeer()) {
            peerClosed = true; // its last bytes finished the handshake; the next read sees it gone
            return;
        }
        throw new InetException(InetError.CLOSED, "the peer closed the transport during the TLS handshake", null);
    }

    /**
     * Whether the handshake still waits for the peer. A peer that sends its Finished and leaves at
     * once (a client that connects and exits) completed the handshake, as Erlang's ssl sees it;
     * netty's engine notices that only on the call after the one that took the Finished, so it
     * gets that call, without input, before the handshake is called cut short.
     */
    private boolean handshakeNeedsPeer() throws SSLException {
        if (needsUnwrap() && nativeEngine) {
            engine.unwrap(ByteBuffer.allocate(0), ByteBuffer.allocate(0));
        }
        return needsUnwrap();
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
        Outbound.runTasks(engine);
    }

    // ---- outbound ------------------------------------------------------------------------

    void write(ByteBuffer[] srcs) throws IOException {
        out.write(srcs, this::awaitPeerHandshake);
    }

    /** Wraps and sends what the engine wants to send of its own (handshake, alerts). */
    void wrapHandshake() throws IOException {
        out.wrapHandshake();
    }

    boolean closeOutbound(boolean wait) throws IOException {
        return out.closeOutbound(wait);
    }

    /** See {@link Outbound#sendPendingAlert}. */
    void sendPendingAlert(AlertDescription description) {
        out.sendPendingAlert(description);
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
                if (handshakeCompleted()) {
                    return; // its Finished came with its close_notify; the next read sees it gone
                }
                throw new InetException(InetError.CLOSED, "the peer closed the TLS connection during the handshake", null);
            }
        }
    }

    /**
     * Whether the engine has an established session. netty's engine may take the peer's Finished
     * and its close_notify in one step, leaving no FINISHED status to see; an unfinished
     * handshake leaves both engines with the null session.
     */
    private boolean handshakeCompleted() {
        return !"SSL_NULL_WITH_NULL_NULL".equals(engine.getSession().getCipherSuite());
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
            if (progress.stopped()) {
                throw new InetException(InetError.CLOSED);
            }
            long seen = progress.seen();
            if (inLock.tryLock()) {
                try {
                    if (needsUnwrap() && !peerClosed) {
                        unwrapOnce(null);
                    }
                    if (peerClosed && handshakeNeedsPeer()) {
                        throw new InetException(InetError.CLOSED, "the peer closed the TLS connection during a handshake", null);
                    }
                } finally {
                    inLock.unlock();
                }
            } else {
                progress.await(seen, inLock);
            }
        }
    }

    private boolean needsUnwrap() {
        HandshakeStatus s = engine.getHandshakeStatus();
        return s == HandshakeStatus.NEED_UNWRAP || s == HandshakeStatus.NEED_UNWRAP_AGAIN;
    }

    // ---- closing -------------------------------------------------------------------------

    /** Wakes a writer waiting for the peer's handshake: the wire is closing. */
    void stop() {
        progress.stop();
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
