package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.AlertLevel;
import dev.otpnet.ssl.TlsAlert;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import java.nio.ByteBuffer;

/**
 * Refuses a renegotiation a TLS 1.2 client starts when the server disabled it
 * ({@code {client_renegotiation, false}}, the default): before the engine unwraps, it looks at
 * the next record's content type, which TLS 1.2 sends in the clear; a handshake record arriving
 * while the server is not itself renegotiating is the client's new ClientHello.
 *
 * <p>Erlang answers with a warning no_renegotiation alert and carries on. {@code SSLEngine} has no
 * way to send an alert on request (after the handshake alerts are encrypted under keys only the
 * engine holds), and ending with close_notify leaves the client unsure whether it was refused
 * (OpenSSL's {@code s_client} may report a clean close). So the guard leaves the engine one
 * cipher suite it can never use ({@link #UNUSABLE_SUITE}) before it reads the hello: the engine
 * finds no suite in common and refuses with a fatal handshake_failure, the alert the JDK's
 * JVM-wide {@code jdk.tls.rejectClientInitiatedRenegotiation} sends, and the one RFC 5746 era
 * servers send. The reader gets the {@code no_renegotiation} reason, which names why; no key
 * exchange is run.
 */
final class RenegotiationGuard implements EngineIo.InboundGuard {
    private static final System.Logger LOG = System.getLogger(RenegotiationGuard.class.getName());
    /**
     * A TLS 1.2 suite the server can never use (it needs a DSA key, which otpnet never holds):
     * with it as the only suite, the engine finds no suite in common with the new hello and
     * refuses it with handshake_failure.
     */
    static final String UNUSABLE_SUITE = "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256";
    private final SSLEngine engine;
    private final boolean nativeEngine;
    private volatile boolean refused;

    /**
     * @param nativeEngine a BoringSSL engine refuses the hello itself (with a fatal
     *                     no_renegotiation alert), so the guard only notes that it came
     */
    RenegotiationGuard(SSLEngine engine, boolean nativeEngine) {
        this.engine = engine;
        this.nativeEngine = nativeEngine;
    }

    @Override
    public void check(ByteBuffer netIn) {
        if (refused || TlsRecords.u8(netIn, netIn.position()) != TlsRecords.HANDSHAKE
                || engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
                || "TLSv1.3".equals(engine.getSession().getProtocol())) {
            return;
        }
        refused = true;
        LOG.log(System.Logger.Level.INFO, "refusing a client-initiated renegotiation (client_renegotiation is false)");
        if (!nativeEngine) {
            engine.setEnabledCipherSuites(new String[] {UNUSABLE_SUITE});
        }
    }

    /** Whether this guard refused a renegotiation, so the engine's failure is that refusal. */
    boolean refused() {
        return refused;
    }

    /** The reason the reader gets for a refused renegotiation, caused by the engine's failure. */
    static InetException refusal(Throwable engineFailure) {
        return new InetException(TlsAlert.generated(TlsAlert.Side.SERVER, "connection", "RenegotiationGuard",
                AlertLevel.WARNING, AlertDescription.NO_RENEGOTIATION,
                "client_renegotiation_disabled (the client's hello was refused: " + engineFailure.getMessage() + ")"),
                engineFailure);
    }
}
