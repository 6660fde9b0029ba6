package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Reason;
import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.AlertLevel;
import dev.otpnet.ssl.TlsAlert;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What a failing TLS connection tells its peer and its owner. The owner's reason comes from
 * {@link TlsFailures}. The peer hears the alert the engine prepared, except where otpnet knows
 * better and the alert still travels in the clear: a refused ClientHello (no engine exists yet),
 * and a certificate our peer verification refused during a TLS 1.2 handshake, which gets the
 * alert Erlang would send rather than the JDK's certificate_unknown. An alert the engine
 * encrypted goes as the engine made it: only the engine holds the keys.
 *
 * <p>Stateless apart from its {@link TlsLink}; called by whichever thread saw the failure.
 */
final class AlertPolicy {
    private static final System.Logger LOG = System.getLogger(AlertPolicy.class.getName());
    private final TlsLink link;

    AlertPolicy(TlsLink link) {
        this.link = link;
    }

    /** A ClientHello refused before any engine existed: a plaintext alert, then close. */
    InetException refuse(HelloRejected e, boolean timedOut) {
        link.state.set(TlsLink.State.FAILED);
        if (timedOut) {
            link.lower.abort();
            return new InetException(InetError.TIMEOUT, e);
        }
        sendPlainAlert(e.alert());
        link.lower.close();
        TlsAlert alert = TlsAlert.generated(link.side, "hello", "HelloReader", AlertLevel.FATAL, e.alert(), e.detail());
        LOG.log(System.Logger.Level.DEBUG, () -> "refused a ClientHello: " + alert);
        return new InetException(alert, e);
    }

    /** A fatal alert in a plaintext record, as sent before keys are agreed; never throws. */
    void sendPlainAlert(AlertDescription description) {
        try {
            link.lower.write(new ByteBuffer[] {TlsRecords.plaintextAlert(AlertLevel.FATAL, description)});
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not send the " + description.atom() + " alert", e);
        }
    }

    /** Marks the connection failed, sends the alert due if any, closes, and says why. */
    InetException fail(Throwable cause, boolean handshaking, boolean timedOut) {
        TlsLink.State before = link.state.getAndSet(TlsLink.State.FAILED);
        TlsEngine tls = link.tls;
        Reason reason = before == TlsLink.State.CLOSED ? InetError.CLOSED
                : TlsFailures.classify(cause, new TlsFailures.Context(link.side, handshaking, link.observer,
                        tls == null ? null : tls.verify(), timedOut));
        EngineIo current = link.io;
        if (current != null) {
            current.sendPendingAlert(ownVerdict(reason, handshaking));
            current.stop();
        } else if (link.server() && !timedOut && before != TlsLink.State.CLOSED) {
            sendPlainAlert(reason instanceof TlsAlert a ? a.description() : AlertDescription.HANDSHAKE_FAILURE);
        }
        link.lower.close();
        link.release();
        LOG.log(System.Logger.Level.DEBUG, () -> "TLS " + link.side + " failed: " + reason, cause);
        return cause instanceof InetException ie && ie.reason() == reason ? ie : new InetException(reason, cause);
    }

    /**
     * The alert our peer verification decided on, when {@code reason} is its refusal: what an
     * Erlang peer would send, rather than the engine's certificate_unknown.
     */
    private AlertDescription ownVerdict(Reason reason, boolean handshaking) {
        TlsEngine tls = link.tls;
        VerifyOutcome.Rejection r = handshaking && tls != null && tls.verify() != null ? tls.verify().rejection() : null;
        return r != null && reason instanceof TlsAlert a && a.description() == r.alert() ? r.alert() : null;
    }
}
