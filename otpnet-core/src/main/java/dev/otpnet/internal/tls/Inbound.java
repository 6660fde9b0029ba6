package dev.otpnet.internal.tls;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.internal.wire.PolledWire;
import dev.otpnet.internal.wire.Wire;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The inbound half of {@link EngineIo}: reads ciphertext from the lower wire and unwraps it into
 * plaintext, answering what the engine asks on the way (tasks, handshake records through
 * {@link Outbound}).
 *
 * <p><b>Buffers.</b> Ciphertext and plaintext wait in {@link InboundBuffers}, which gives its
 * pooled buffers back whenever a read may wait.
 *
 * <p><b>The end.</b> What the lower wire's end of stream means (the peer gone, a truncation, a
 * handshake cut short) is decided by {@link StreamEnd}; this class keeps the outcome.
 *
 * <p><b>Threads.</b> Everything here runs under {@link #lock}, which a reader holds while it
 * reads; {@link #progress} tells a writer waiting for the peer's handshake messages when the
 * reader moved on. Answering the engine takes {@link Outbound}'s lock while holding this one
 * (lock order: in, then out).
 *
 * <p><b>Without waiting.</b> Over a polled wire the socket's reader has no thread: it calls
 * {@link #readNow} on the poller's thread, which must never wait. So that read takes the lock
 * only if it is free, reads the wire only as far as the kernel has bytes, and does not answer
 * the engine when the answer is a write (a TLS 1.3 KeyUpdate, a TLS 1.2 close_notify): it
 * returns with {@link #answerDue} set and the caller has the answer sent on a thread that may
 * wait ({@link #answer}). Anyone else who reads under the lock (a handshake on the established
 * session) kicks the reader when it lets go while records or plaintext are held, or while the
 * reader found the lock taken, so nothing held here waits for bytes the kernel will never
 * report.
 */
final class Inbound {
    final ReentrantLock lock = new ReentrantLock();
    final ReaderProgress progress = new ReaderProgress();

    private final Wire lower;
    /** The lower wire when it is polled (reads may then be {@link #readNow}), else null. */
    private final PolledWire polled;
    private final SSLEngine engine;
    private final Outbound out;
    /** A native (netty) engine: its buffers are direct, and it needs the workarounds below. */
    private final boolean nativeEngine;
    private final InboundBuffers buffers;

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
    /** A {@link #readNow} is running: fills do not wait, and answers that write are left to the caller. Guarded by lock. */
    private boolean now;
    /** The last fill of a {@link #readNow} found the kernel empty. Guarded by lock. */
    private boolean starved;
    /** The engine wants to send something that a {@link #readNow} must not wait to write. */
    private volatile boolean answerDue;
    /** A {@link #readNow} found the lock taken: whoever holds it kicks the reader when it lets go. */
    private volatile boolean missed;
    /** Records or plaintext are held here (or the peer's close_notify is), as of the last unlock. */
    private volatile boolean holding;

    /**
     * @param initialNetIn bytes already read from {@code lower} (a ClientHello), in write mode,
     *                     or {@code null}
     */
    Inbound(Wire lower, SSLEngine engine, Outbound out, ByteBuffer initialNetIn, HandshakeObserver observer,
            boolean nativeEngine) {
        this.lower = lower;
        this.polled = lower instanceof PolledWire p && p.isPolled() ? p : null;
        this.engine = engine;
        this.out = out;
        this.nativeEngine = nativeEngine;
        this.observer = observer;
        this.buffers = new InboundBuffers(nativeEngine, engine.getSession().getPacketBufferSize(),
                engine.getSession().getApplicationBufferSize(), initialNetIn);
        if (observer != null && buffers.net().hasRemaining()) {
            observer.inbound(buffers.net().duplicate());
        }
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
                if (buffers.hasApp()) {
                    return buffers.transferTo(dst);
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
            unlock();
            progress.signal();
        }
    }

    /**
     * As {@link #read}, never waiting (see the class comment): the plaintext put into {@code dst},
     * 0 when none can be had now (the kernel has no more bytes, another thread holds the lock, or
     * an answer is due), -1 after the peer's close_notify.
     */
    int readNow(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (!lock.tryLock()) {
            missed = true; // then look again: the holder may have let go before it could see that
            if (!lock.tryLock()) {
                return 0;
            }
        }
        now = true;
        try {
            while (true) {
                if (buffers.hasApp()) {
                    return buffers.transferTo(dst);
                }
                if (answerDue) {
                    return 0;
                }
                if (peerClosed) {
                    return -1;
                }
                starved = false;
                int n = unwrapOnce(dst);
                if (n > 0) {
                    return n;
                }
                if (starved || answerDue) {
                    return 0;
                }
            }
        } finally {
            now = false;
            holding = holds();
            lock.unlock();
            progress.signal();
        }
    }

    /** Whether a {@link #readNow} stopped because the engine wants a write: see {@link #answer}. */
    boolean answerDue() {
        return answerDue;
    }

    /**
     * Sends what the engine wanted sent when a {@link #readNow} could not; on a thread that may
     * wait. The want is taken from the unwrap's result, not asked again: netty's engine reports
     * its pending alert (a refused renegotiation's) only there, and says NOT_HANDSHAKING after.
     */
    void answer() throws IOException {
        lock.lock();
        try {
            answer(HandshakeStatus.NEED_WRAP);
        } finally {
            answerDue = false;
            unlock();
        }
    }

    /** Whether records, plaintext or the peer's close_notify are held for the reader (as of the last unlock). */
    boolean holding() {
        return holding;
    }

    private boolean holds() {
        return buffers.hasApp() || buffers.net().hasRemaining() || peerClosed;
    }

    /**
     * Lets go of the lock after a read by anyone but the polled reader, and kicks that reader when
     * it may have been left waiting: what is held here would otherwise wait for bytes the kernel
     * never reports, and a reader that found the lock taken returned without reading.
     */
    private void unlock() {
        boolean held = holds();
        holding = held;
        lock.unlock();
        if (polled != null && observer == null && (held || missed)) {
            missed = false;
            polled.kick();
        }
    }

    /**
     * One unwrap, reading the lower wire first when no ciphertext is buffered. Plaintext goes
     * straight into {@code dst} when it is large enough and nothing is buffered, else into the held plaintext.
     *
     * @return the bytes put into {@code dst}
     */
    int unwrapOnce(ByteBuffer dst) throws IOException {
        ByteBuffer netIn = buffers.net();
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
        boolean intoDst = dst != null && !buffers.hasApp() && dst.remaining() >= buffers.appBufferSize();
        SSLEngineResult r;
        if (intoDst) {
            r = engine.unwrap(netIn, dst);
        } else {
            try {
                r = engine.unwrap(netIn, buffers.appForUnwrap());
            } finally {
                buffers.unwrapped();
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
            case BUFFER_OVERFLOW -> buffers.overflow(engine.getSession().getApplicationBufferSize(), !intoDst);
            case CLOSED -> peerClosed = engine.isInboundDone();
            case OK -> { }
        }
        progress.signal();
        answer(r.getHandshakeStatus());
        return intoDst ? r.bytesProduced() : 0;
    }

    private void fill() throws IOException {
        ByteBuffer netIn = buffers.forFill(engine.getSession().getPacketBufferSize());
        int start = netIn.position();
        int offered = netIn.remaining();
        int n = 0;
        try {
            n = now ? polled.readNow(netIn) : lower.read(netIn);
        } catch (IOException e) {
            buffers.filled(n, offered);
            StreamEnd.surfaceHeldFailure(engine, nativeEngine, observer != null);
            throw e;
        }
        buffers.filled(n, offered);
        if (n == 0) {
            starved = true;
            if (now) {
                buffers.release(); // the poller calls again when bytes come
            }
            return;
        }
        if (n < 0) {
            switch (StreamEnd.of(engine, nativeEngine, observer != null)) {
                case PEER_CLOSED -> peerClosed = true;
                case TRUNCATED -> {
                    truncated = true;
                    throw StreamEnd.truncation();
                }
            }
            return;
        }
        HandshakeObserver o = observer;
        if (o != null) {
            o.inbound(netIn.duplicate().position(start));
        }
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
            if (peerClosed && StreamEnd.handshakeNeedsPeer(engine, nativeEngine)) {
                throw new InetException(InetError.CLOSED, "the peer closed the TLS connection during a handshake", null);
            }
            return true;
        } finally {
            unlock();
        }
    }

    /** One unwrap on the thread that runs the initial handshake. */
    void unwrapForHandshake() throws IOException {
        lock.lock();
        try {
            unwrapOnce(null);
        } finally {
            unlock();
        }
    }

    /**
     * Does what the engine asks after an operation ({@link Outbound#answer}); a write that a
     * {@link #readNow} must not wait for is left for {@link #answer()}.
     */
    private void answer(HandshakeStatus hs) throws IOException {
        if (!out.answer(hs, !now)) {
            answerDue = true;
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
                buffers.drainApp(rest);
                if (peerClosed) {
                    break;
                }
                unwrapOnce(null);
            }
            buffers.drainNet(rest);
            return Bytes.wrap(rest.toByteArray());
        } finally {
            unlock();
        }
    }
}
