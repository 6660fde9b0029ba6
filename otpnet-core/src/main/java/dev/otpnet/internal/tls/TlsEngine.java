package dev.otpnet.internal.tls;

import javax.net.ssl.SSLEngine;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An engine ready for one connection, with what otpnet keeps beside it.
 *
 * @param engine              the engine, client or server mode already set
 * @param verify              where the peer verification records its decision, or {@code null}
 *                            when otpnet does not verify (an engine configured elsewhere)
 * @param clientRenegotiation for a server: whether a client may start a TLS 1.2 renegotiation
 * @param serverName          for a client: the SNI name sent, or {@code null}
 * @param nativeEngine        whether the engine is BoringSSL's: it wants direct buffers, cannot
 *                            renegotiate or update keys on request, and refuses a client's
 *                            renegotiation itself
 * @param releaser            frees what the engine holds outside the Java heap; run once, by
 *                            {@link #release}, when the connection ends
 */
public record TlsEngine(SSLEngine engine, VerifyOutcome verify, boolean clientRenegotiation, String serverName,
                        boolean nativeEngine, Runnable releaser) {
    public TlsEngine {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(releaser, "releaser");
        AtomicBoolean once = new AtomicBoolean();
        Runnable r = releaser;
        releaser = () -> {
            if (once.compareAndSet(false, true)) {
                r.run();
            }
        };
    }

    /** A JDK engine: nothing to release. */
    public TlsEngine(SSLEngine engine, VerifyOutcome verify, boolean clientRenegotiation, String serverName) {
        this(engine, verify, clientRenegotiation, serverName, false, () -> { });
    }

    /** An engine configured by the caller: no otpnet verification, renegotiation as the engine does it. */
    public static TlsEngine of(SSLEngine engine) {
        return new TlsEngine(engine, null, true, null);
    }

    /** Frees the engine's native memory, if it has any; later calls do nothing. */
    public void release() {
        releaser.run();
    }
}
