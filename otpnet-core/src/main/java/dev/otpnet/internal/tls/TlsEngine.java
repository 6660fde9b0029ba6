package dev.otpnet.internal.tls;

import javax.net.ssl.SSLEngine;
import java.util.Objects;

/**
 * An engine ready for one connection, with what otpnet keeps beside it.
 *
 * @param engine              the engine, client or server mode already set
 * @param verify              where the peer verification records its decision, or {@code null}
 *                            when otpnet does not verify (an engine configured elsewhere)
 * @param clientRenegotiation for a server: whether a client may start a TLS 1.2 renegotiation
 * @param serverName          for a client: the SNI name sent, or {@code null}
 */
public record TlsEngine(SSLEngine engine, VerifyOutcome verify, boolean clientRenegotiation, String serverName) {
    public TlsEngine {
        Objects.requireNonNull(engine, "engine");
    }

    /** An engine configured by the caller: no otpnet verification, renegotiation as the engine does it. */
    public static TlsEngine of(SSLEngine engine) {
        return new TlsEngine(engine, null, true, null);
    }
}
