package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What the end of the lower wire's stream means to an {@link Inbound}: no error once our side of
 * the session is closed, or when the peer's last bytes finished the handshake; a truncation on an
 * established session whose peer left without a close_notify; a handshake cut short otherwise.
 *
 * <pre>
 *   lower wire ends ─▶ netty's held alert, if any ─┬ our outbound is done ─────────────────▶ PEER_CLOSED
 *                                                  ├ established (no handshake running) ───▶ TRUNCATED
 *                                                  ├ handshake finished by its last bytes ─▶ PEER_CLOSED
 *                                                  └ handshake still needs the peer ───────▶ closed (thrown)
 * </pre>
 *
 * <p>A native (netty) engine reports some things one call late: the failure of the peer's last
 * record, and a handshake finished by the record it just took. Each gets an input-less unwrap
 * here before the transport's end is judged, which the peer's leaving would otherwise mask.
 *
 * <p>Thread confinement: stateless; called with {@link Inbound}'s lock held, since it may unwrap
 * on the engine. The {@code Inbound} keeps the outcome ({@code peerClosed}, {@code truncated}).
 */
enum StreamEnd {
    /** The peer is gone and that is no error: the next read sees the end. */
    PEER_CLOSED,
    /** The peer closed the transport without a close_notify after the handshake: {@link #truncation}. */
    TRUNCATED;

    /**
     * What the lower wire's end of stream means; {@code handshaking} while the initial handshake
     * runs. Throws {@code closed} when it cut a handshake short.
     */
    static StreamEnd of(SSLEngine engine, boolean nativeEngine, boolean handshaking) throws IOException {
        surfaceHeldFailure(engine, nativeEngine, handshaking);
        if (engine.isOutboundDone()) {
            return PEER_CLOSED;
        }
        if (!handshaking) {
            return TRUNCATED;
        }
        if (!handshakeNeedsPeer(engine, nativeEngine)) {
            return PEER_CLOSED; // its last bytes finished the handshake; the next read sees it gone
        }
        throw new InetException(InetError.CLOSED, "the peer closed the transport during the TLS handshake", null);
    }

    /** The failure a {@link #TRUNCATED} end is reported as. */
    static InetException truncation() {
        return new InetException(TlsWire.TRUNCATED,
                "the peer closed the transport without sending a TLS close_notify", null);
    }

    /**
     * netty's engine may hold the failure of the peer's last record (its alert) until the next
     * call: during a handshake, an input-less unwrap surfaces it before we report the transport's
     * end or error, which the peer's leaving after its alert would otherwise mask.
     */
    static void surfaceHeldFailure(SSLEngine engine, boolean nativeEngine, boolean handshaking) throws SSLException {
        if (nativeEngine && handshaking && !engine.isInboundDone()) {
            engine.unwrap(ByteBuffer.allocate(0), ByteBuffer.allocate(0));
        }
    }

    /**
     * Whether the handshake still waits for the peer. A peer that sends its Finished and leaves at
     * once (a client that connects and exits) completed the handshake, as Erlang's ssl sees it;
     * netty's engine notices that only on the call after the one that took the Finished, so it
     * gets that call, without input, before the handshake is called cut short.
     */
    static boolean handshakeNeedsPeer(SSLEngine engine, boolean nativeEngine) throws SSLException {
        if (Inbound.needsUnwrap(engine) && nativeEngine) {
            engine.unwrap(ByteBuffer.allocate(0), ByteBuffer.allocate(0));
        }
        return Inbound.needsUnwrap(engine);
    }
}
