package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.SslError;
import dev.otpnet.ssl.TlsVersion;

import java.io.IOException;

/**
 * Handshakes on an established connection: a TLS 1.2 renegotiation we start
 * ({@code ssl:renegotiate/1}), a TLS 1.3 key update ({@code ssl:update_keys/2}), and refusing a
 * renegotiation the client starts when the server disabled it (through a
 * {@link RenegotiationGuard} installed once the first handshake is done).
 *
 * <p><b>Threads.</b> {@link #renegotiate} and {@link #updateKeys} may run while a reader and a
 * writer are active: {@link EngineIo#driveHandshake} cooperates with them. The guard is set once,
 * by the handshake thread, before the connection is CONNECTED.
 */
final class Renegotiation {
    private final TlsLink link;
    private final AlertPolicy alerts;
    private volatile RenegotiationGuard guard;

    Renegotiation(TlsLink link, AlertPolicy alerts) {
        this.link = link;
        this.alerts = alerts;
    }

    /** After the first handshake: a server that refuses client renegotiation starts watching for it. */
    void afterHandshake() {
        if (link.server() && !link.tls.clientRenegotiation()) {
            RenegotiationGuard g = new RenegotiationGuard(link.io.engine(), link.tls.nativeEngine());
            guard = g;
            link.io.guard(g);
        }
    }

    /**
     * Starts a TLS 1.2 renegotiation and waits until it completes.
     *
     * @throws InetException {@code notsup} on TLS 1.3, {@code renegotiation_rejected} when the peer
     *     refuses, a TLS alert, or {@code timeout}
     */
    void renegotiate(long timeoutMs) throws InetException {
        EngineIo current = link.connected();
        refuseOnNative("renegotiate");
        if (protocol(current) == TlsVersion.TLSV1_3) {
            throw new InetException(SslError.NOTSUP, "TLS 1.3 has no renegotiation; update the keys instead", null);
        }
        try (Watchdog dog = Watchdog.arm(timeoutMs, link.lower::abort)) {
            try {
                current.engine().beginHandshake();
                current.driveHandshake();
            } catch (IOException | RuntimeException e) {
                InetException failed = alerts.fail(e, false, dog.fired());
                String text = String.valueOf(e.getMessage());
                throw text.contains("no_renegotiation") ? new InetException(SslError.RENEGOTIATION_REJECTED, e) : failed;
            }
        }
    }

    /**
     * Sends a TLS 1.3 KeyUpdate asking the peer to update its keys too.
     *
     * @throws InetException {@code notsup} before TLS 1.3
     */
    void updateKeys() throws InetException {
        EngineIo current = link.connected();
        refuseOnNative("update the keys");
        if (protocol(current) != TlsVersion.TLSV1_3) {
            throw new InetException(SslError.NOTSUP, "key update needs TLS 1.3; renegotiate instead", null);
        }
        try {
            current.engine().beginHandshake();
            current.driveHandshake();
        } catch (IOException | RuntimeException e) {
            throw alerts.fail(e, false, false);
        }
    }

    /** BoringSSL through netty's SSLEngine starts no handshake on an established connection. */
    private void refuseOnNative(String what) throws InetException {
        if (link.tls.nativeEngine()) {
            throw new InetException(SslError.NOTSUP, "the BoringSSL engine ({engine,boringssl}) cannot " + what
                    + " on request: netty's SSLEngine starts no handshake on an established connection", null);
        }
    }

    /** The reason a failed read reports: the refused renegotiation when the guard refused one. */
    InetException readFailure(Throwable e) {
        InetException failed = alerts.fail(e, false, false);
        RenegotiationGuard g = guard;
        return g != null && g.refused() ? RenegotiationGuard.refusal(e) : failed;
    }

    private static TlsVersion protocol(EngineIo io) {
        return TlsVersion.parse(io.engine().getSession().getProtocol()).orElse(TlsVersion.TLSV1_2);
    }
}
