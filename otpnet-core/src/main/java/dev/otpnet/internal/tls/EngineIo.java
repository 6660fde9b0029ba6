package dev.otpnet.internal.tls;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.internal.wire.Wire;
import dev.otpnet.ssl.AlertDescription;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Moves bytes between a plaintext caller and a lower {@link Wire} through an {@link SSLEngine},
 * using nothing but the {@code SSLEngine} interface: {@link Inbound} reads and unwraps,
 * {@link Outbound} wraps and writes, and this class runs handshakes across the two.
 *
 * <p><b>Threads.</b> The inbound side is guarded by {@link Inbound}'s lock, the outbound side by
 * {@link Outbound}'s; a reader and a writer run at once. A reader that must answer a handshake
 * message (a TLS 1.3 KeyUpdate, a renegotiation, a close_notify) takes the outbound lock while
 * holding the inbound one; a writer that must wait for the peer's handshake messages releases the
 * outbound lock first and then either unwraps itself (when no reader is active) or waits for the
 * reader's progress. Lock order is therefore always in, then out.
 */
final class EngineIo {
    private final SSLEngine engine;
    private final Inbound in;
    private final Outbound out;

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
        this.engine = engine;
        this.out = new Outbound(lower, engine, observer, nativeEngine);
        this.in = new Inbound(lower, engine, out, initialNetIn, observer, nativeEngine);
    }

    SSLEngine engine() {
        return engine;
    }

    void guard(InboundGuard g) {
        in.guard(g);
    }

    /** Stops feeding the observer: the initial handshake is over. */
    void handshakeDone() {
        in.handshakeDone();
        out.handshakeDone();
    }

    boolean peerClosed() {
        return in.peerClosed();
    }

    /** Whether the peer closed the transport without a close_notify after the handshake. */
    boolean truncated() {
        return in.truncated();
    }

    int read(ByteBuffer dst) throws IOException {
        return in.read(dst);
    }

    /** See {@link Inbound#readNow}. */
    int readNow(ByteBuffer dst) throws IOException {
        return in.readNow(dst);
    }

    /** Whether a {@link #readNow} stopped because the engine wants a write it could not wait for. */
    boolean answerDue() {
        return in.answerDue();
    }

    /** Sends what the engine wanted sent when a {@link #readNow} could not; may wait. */
    void answer() throws IOException {
        in.answer();
    }

    /** Whether records or plaintext are held for the reader above the lower wire. */
    boolean holding() {
        return in.holding();
    }

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
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> in.unwrapForHandshake();
                case NEED_TASK -> Outbound.runTasks(engine);
                case FINISHED, NOT_HANDSHAKING -> {
                    return;
                }
            }
            if (in.peerClosed()) {
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

    /**
     * Drives a handshake started on an established connection (renegotiation, key update) until
     * the engine no longer needs the peer, cooperating with a reader that may be running.
     */
    void driveHandshake() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrapHandshake();
                case NEED_TASK -> Outbound.runTasks(engine);
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
        while (Inbound.needsUnwrap(engine)) {
            if (in.progress.stopped()) {
                throw new InetException(InetError.CLOSED);
            }
            long seen = in.progress.seen();
            if (!in.unwrapIfFree()) {
                in.progress.await(seen, in.lock);
            }
        }
    }

    // ---- closing -------------------------------------------------------------------------

    /** Wakes a writer waiting for the peer's handshake: the wire is closing. */
    void stop() {
        in.progress.stop();
    }

    /** See {@link Inbound#awaitPeerCloseAndTakeRest}. */
    Bytes awaitPeerCloseAndTakeRest() throws IOException {
        return in.awaitPeerCloseAndTakeRest();
    }

    /** Whether {@code e} came from the engine (as opposed to the lower wire). */
    static boolean fromEngine(IOException e) {
        return e instanceof SSLException;
    }
}
