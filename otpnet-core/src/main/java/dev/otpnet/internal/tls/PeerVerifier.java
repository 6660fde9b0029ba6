package dev.otpnet.internal.tls;

import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.BadCert;
import dev.otpnet.ssl.VerifyEvent;
import dev.otpnet.ssl.VerifyType;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The trust manager of every otpnet {@code SSLContext}: runs {@link PathValidator} with the
 * connection's verify fun, depth and host name, and records why it refused in the connection's
 * {@link VerifyOutcome}, so the failure is reported as Erlang reports it rather than as the
 * engine rewords it.
 *
 * <p>One instance serves all connections of a context; what is per connection (host name, verify
 * fun state, outcome) is registered against the engine before its handshake and found again from
 * the engine the JDK passes in. The registry holds engines weakly. Thread-safe.
 */
final class PeerVerifier extends X509ExtendedTrustManager {
    private static final System.Logger LOG = System.getLogger(PeerVerifier.class.getName());

    /** What one connection verifies against. */
    record Session(TlsConfig config, String hostname, VerifyOutcome outcome) {
    }

    private final TlsConfig config;
    private final Map<SSLEngine, Session> sessions = Collections.synchronizedMap(new WeakHashMap<>());

    PeerVerifier(TlsConfig config) {
        this.config = config;
    }

    /** Registers an engine; {@code hostname} is checked against a server's certificate, or null. */
    VerifyOutcome register(SSLEngine engine, String hostname) {
        VerifyOutcome outcome = new VerifyOutcome();
        sessions.put(engine, new Session(config, hostname, outcome));
        return outcome;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, authType, engine, true);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, authType, engine, false);
    }

    private void check(X509Certificate[] chain, String authType, SSLEngine engine, boolean peerIsServer)
            throws CertificateException {
        Session s = sessions.get(engine);
        if (s == null) {
            throw new CertificateException("otpnet verifies peers only on engines it created");
        }
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer sent no certificate");
        }
        PathValidator.Floor floor = config.verify() != VerifyType.VERIFY_PEER ? PathValidator.Floor.NONE
                : path -> AlgorithmFloor.check(path, engine, peerIsServer, authType);
        PathValidator.Outcome outcome = PathValidator.validate(new PathValidator.Request(List.of(chain),
                config.trustAnchors(), config.verifyFun(), config.verifyState(), config.depth(), peerIsServer,
                s.hostname(), new Date(), floor));
        if (outcome instanceof PathValidator.Outcome.Rejected r) {
            VerifyOutcome.Rejection rejection = r.reason() instanceof AlgorithmFloor.Weakness w
                    ? floorRejection(w, engine) : rejection(r.reason());
            s.outcome().reject(rejection);
            LOG.log(System.Logger.Level.DEBUG, () -> "peer certificate refused: " + rejection.reason());
            throw new CertificateException("peer certificate refused: " + rejection.reason(), cause(rejection.alert()));
        }
    }

    /**
     * A certificate under the JDK's algorithm floor: {@code {bad_cert,{algorithm_constrained,Why}}},
     * with the alert the JDK's own client sends for it: unsupported_certificate, or
     * bad_certificate for an MD5 or SHA-1 signature in TLS 1.3 (RFC 8446 4.4.2.4).
     */
    private static VerifyOutcome.Rejection floorRejection(AlgorithmFloor.Weakness w, SSLEngine engine) {
        javax.net.ssl.SSLSession hs = engine.getHandshakeSession();
        boolean tls13 = hs != null && "TLSv1.3".equals(hs.getProtocol());
        AlertDescription alert = tls13 && w.weakSignature() ? AlertDescription.BAD_CERTIFICATE
                : AlertDescription.UNSUPPORTED_CERTIFICATE;
        String reason = "{bad_cert,{algorithm_constrained," + ErlangStrings.quote(w.why() + " ("
                + w.certificate().getSubjectX500Principal().getName() + ")") + "}}";
        return new VerifyOutcome.Rejection(alert, reason, true);
    }

    /** Erlang's {@code path_validation_alert/1}: which alert a refusal sends, and whether the reason is printed. */
    static VerifyOutcome.Rejection rejection(Object reason) {
        if (reason instanceof VerifyEvent.BadCertEvent(BadCert bad)) {
            AlertDescription alert = bad.alert();
            return new VerifyOutcome.Rejection(alert, reason.toString(), alert == AlertDescription.HANDSHAKE_FAILURE);
        }
        return new VerifyOutcome.Rejection(AlertDescription.HANDSHAKE_FAILURE, String.valueOf(reason), true);
    }

    /**
     * A cause engines may read to choose their alert (the JDK's does); any engine still fails the
     * handshake on the exception itself.
     */
    private static CertPathValidatorException cause(AlertDescription alert) {
        CertPathValidatorException.Reason reason = switch (alert) {
            case CERTIFICATE_EXPIRED -> CertPathValidatorException.BasicReason.EXPIRED;
            case UNKNOWN_CA -> PKIXReason.NO_TRUST_ANCHOR;
            case UNSUPPORTED_CERTIFICATE -> CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED;
            case BAD_CERTIFICATE -> CertPathValidatorException.BasicReason.INVALID_SIGNATURE;
            default -> CertPathValidatorException.BasicReason.UNSPECIFIED;
        };
        return new CertPathValidatorException(alert.atom(), null, null, -1, reason);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return config.trustAnchors().toArray(X509Certificate[]::new);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("otpnet verifies peers on SSLEngines, not SSLSockets");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("otpnet verifies peers on SSLEngines, not SSLSockets");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("otpnet verifies peers on SSLEngines, not without one");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("otpnet verifies peers on SSLEngines, not without one");
    }
}
