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
import java.util.concurrent.locks.ReentrantLock;

/**
 * The inbound half of {@link EngineIo}: reads ciphertext from the lower wire and unwraps it into
 * plaintext, answering what the engine asks on the way (tasks, handshake records through
 * {@link Outbound}).
 *
 * <p><b>Buffers.</b> {@code netIn} holds ciphertext read but not yet unwrapped, {@code appIn}
 * plaintext unwrapped but not yet delivered (both kept in read mode). A read into a large enough
 * destination unwraps straight into it. Both come from {@link RecordBuffers#inbound} (direct ones
 * for a native engine), grown when the engine asks for more, and go back before a lower read that
 * may wait (nothing buffered, the last read did not fill its offer): that read waits in
 * {@code idleIn}, {@link #IDLE_IN} bytes, which a short record fits in.
 *
 * <p><b>Threads.</b> Everything here runs under {@link #lock}, which a reader holds while it
 * reads; {@link #progress} tells a writer waiting for the peer's handshake messages when the
 * reader moved on. Answering the engine takes {@link Outbound}'s lock while holding this one
 * (lock order: in, then out).
 */
final class Inbound {
    static final int IDLE_IN = 512;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    final ReentrantLock lock = new ReentrantLock();
    final ReaderProgress progress = new ReaderProgress();

    private final Wire lower;
    private final SSLEngine engine;
    private final Outbound out;
    /** A native (netty) engine: its buffers are direct, and it needs the workarounds below. */
    private final boolean nativeEngine;
    private final RecordBuffers inbound;
    private ByteBuffer netIn;
    private ByteBuffer appIn = EMPTY;
    private ByteBuffer idleIn;
    /** The last lower read filled its offer: more is probably waiting. */
    private boolean streaming;
    private int appBufferSize;

    private volatile HandshakeObserver observer;
    private volatile EngineIo.InboundGuard guard;
    private volatile boolean peerClosed;
    private volatile boolean truncated;
    /**
     * A native engine took handshake bytes in its last unwrap without finishing: netty's engine
     * notices that those bytes completed the handshake only in its next call, so it gets one more
     * unwrap, with no new input, before we wait for the peer (who may be waiting for us).
     * Guarded by lock.
     */
    private boolean fedSinceUnwrap;

    /**
     * @param initialNetIn bytes already read from {@code lower} (a ClientHello), in write mode,
     *                     or {@code null}
     */
    Inbound(Wire lower, SSLEngine engine, Outbound out, ByteBuffer initialNetIn, HandshakeObserver observer,
            boolean nativeEngine) {
        this.lower = lower;
        this.engine = engine;
        this.out = out;
        this.nativeEngine = nativeEngine;
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
    }

    private ByteBuffer allocate(int size) {
        return nativeEngine ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }

    void guard(EngineIo.InboundGuard g) {
        this.guard = g;
    }

    /** Stops feeding the observer: the initial handshake is over. */
    void handshakeDone() {
        observer = null;
        fedSinceUnwrap = false;
    }

    boolean peerClosed() {
        return peerClosed;
    }

    /** Whether the peer closed the transport without a close_notify after the handshake. */
    boolean truncated() {
        return truncated;
    }

    int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        lock.lock();
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
            lock.unlock();
            progress.signal();
        }
    }

    /**
     * One unwrap, reading the lower wire first when no ciphertext is buffered. Plaintext goes
     * straight into {@code dst} when it is large enough and nothing is buffered, else into appIn.
     *
     * @return the bytes put into {@code dst}
     */
    int unwrapOnce(ByteBuffer dst) throws IOException {
        if (!netIn.hasRemaining() && !(nativeEngine && fedSinceUnwrap)) {
            fill();
            return 0;
        }
        fedSinceUnwrap = false;
        InetException overflow = TlsRecords.overflow(netIn, engine, observer != null);
        if (overflow != null) {
            throw overflow;
        }
        EngineIo.InboundGuard g = guard;
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
        if (needsUnwrap(engine) && nativeEngine) {
            engine.unwrap(ByteBuffer.allocate(0), ByteBuffer.allocate(0));
        }
        return needsUnwrap(engine);
    }

    /**
     * One unwrap for a handshake when no reader holds the inbound side.
     *
     * @return false when a reader holds it: its {@link #progress} then tells when to look again
     */
    boolean unwrapIfFree() throws IOException {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (needsUnwrap(engine) && !peerClosed) {
                unwrapOnce(null);
            }
            if (peerClosed && handshakeNeedsPeer()) {
                throw new InetException(InetError.CLOSED, "the peer closed the TLS connection during a handshake", null);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** One unwrap on the thread that runs the initial handshake. */
    void unwrapForHandshake() throws IOException {
        lock.lock();
        try {
            unwrapOnce(null);
        } finally {
            lock.unlock();
        }
    }

    /** Does what the engine asks after an operation: run tasks, send handshake records. */
    private void answer(HandshakeStatus hs) throws IOException {
        HandshakeStatus s = hs;
        while (true) {
            switch (s) {
                case NEED_TASK -> Outbound.runTasks(engine);
                case NEED_WRAP -> out.wrapHandshake();
                default -> {
                    return;
                }
            }
            s = engine.getHandshakeStatus();
        }
    }

    static boolean needsUnwrap(SSLEngine engine) {
        HandshakeStatus s = engine.getHandshakeStatus();
        return s == HandshakeStatus.NEED_UNWRAP || s == HandshakeStatus.NEED_UNWRAP_AGAIN;
    }

    /**
     * After our close_notify: reads until the peer's close_notify and returns the application
     * data that came before it followed by every byte after it (plaintext of the next protocol).
     */
    Bytes awaitPeerCloseAndTakeRest() throws IOException {
        lock.lock();
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
            lock.unlock();
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
}
