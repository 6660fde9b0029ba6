package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.internal.wire.Wire;
import dev.otpnet.ssl.ClientHello;
import dev.otpnet.ssl.TlsAlert;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What the parts of one TLS connection share: the lower wire, which end we are, the connection's
 * state, and once the engine exists its {@link EngineIo} and {@link HandshakeObserver}.
 * {@link TlsWire} moves data, {@link TlsHandshake} runs the handshake, {@link AlertPolicy}
 * decides what a failure tells the peer and the owner, {@link Renegotiation} handles handshakes
 * on an established connection; all of them work on this.
 *
 * <p><b>Threads.</b> The handshake thread sets the engine fields before the state turns
 * {@code CONNECTED}; readers and writers read them afterwards. The fields are volatile and the
 * state is an {@link AtomicReference}, so a close or a failure on any thread is seen by all.
 */
final class TlsLink {
    /** NEW → HANDSHAKING (→ PAUSED → HANDSHAKING) → CONNECTED; FAILED or CLOSED from any state. */
    enum State { NEW, HANDSHAKING, PAUSED, CONNECTED, FAILED, CLOSED }

    final Wire lower;
    final TlsAlert.Side side;
    final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    volatile TlsEngine tls;
    volatile EngineIo io;
    volatile HandshakeObserver observer;
    /** A server's ClientHello until the handshake completes; then only its SNI is kept. */
    volatile ClientHello clientHello;
    /** The host name a client asked a server for (SNI), set when the handshake completes. */
    volatile String sniHostname;
    volatile boolean resumed;

    TlsLink(Wire lower, TlsAlert.Side side) {
        this.lower = lower;
        this.side = side;
    }

    boolean server() {
        return side == TlsAlert.Side.SERVER;
    }

    /** Puts the engine in place; {@code hello} is the ClientHello a server read itself, or null. */
    void start(TlsEngine t, HelloReader.Result hello) {
        this.tls = t;
        this.observer = new HandshakeObserver(side == TlsAlert.Side.CLIENT, hello == null ? null : hello.hello());
        this.io = new EngineIo(lower, t.engine(), hello == null ? null : hello.netIn(), observer, t.nativeEngine());
    }

    /**
     * Frees the engine's native memory once the connection is over (closed, failed, aborted or
     * downgraded); a JDK engine has none. Safe to call more than once and from any thread: a
     * native engine's operations are synchronized, and after its release they report it closed.
     */
    void release() {
        TlsEngine t = tls;
        if (t != null) {
            t.release();
        }
    }

    /** The engine's I/O once connected; {@code closed} after a failure or close. */
    EngineIo connected() throws InetException {
        return switch (state.get()) {
            case CONNECTED -> io;
            case FAILED, CLOSED -> throw new InetException(InetError.CLOSED);
            case NEW, HANDSHAKING, PAUSED -> throw new IllegalStateException("the TLS handshake has not completed");
        };
    }
}
