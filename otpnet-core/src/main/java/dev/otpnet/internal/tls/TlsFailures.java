package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Reason;
import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.AlertLevel;
import dev.otpnet.ssl.TlsAlert;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where a failure of a TLS connection becomes the {@link Reason} an Erlang program
 * would see. What otpnet decided itself comes first (a time-out, the peer verification's
 * {@code bad_cert} verdict, a refused hello); then an alert seen on the wire; only then the
 * engine's exception, whose message is the one engine-specific input and is read here alone.
 */
final class TlsFailures {
    private static final Pattern RECEIVED = Pattern.compile("Received (fatal|warning) alert: ([a-z_0-9]+)");
    /** How the JDK's engine names the alert it sent: {@code "(certificate_required) Empty client ..."}. */
    private static final Pattern SENT = Pattern.compile("^\\(([a-z_0-9]+)\\) ");
    /** How BoringSSL names an alert it received: {@code "...:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA"}. */
    private static final Pattern BORINGSSL_RECEIVED = Pattern.compile(":(?:SSLV3|TLSV1)_ALERT_([A-Z_0-9]+)");

    /** Where the connection was when it failed. */
    record Context(TlsAlert.Side side, boolean handshaking, HandshakeObserver observer, VerifyOutcome verify,
                   boolean timedOut) {
        String state() {
            if (!handshaking) {
                return "connection";
            }
            return observer != null && observer.peerSpoke() ? "certify" : "hello";
        }
    }

    private TlsFailures() {
    }

    static Reason classify(Throwable failure, Context ctx) {
        if (ctx.timedOut()) {
            return InetError.TIMEOUT;
        }
        VerifyOutcome.Rejection rejection = ctx.verify() == null ? null : ctx.verify().rejection();
        if (rejection != null && ctx.handshaking()) {
            return TlsAlert.generated(ctx.side(), "certify", "PeerVerifier", AlertLevel.FATAL, rejection.alert(),
                    rejection.withDetail() ? rejection.reason() : null);
        }
        if (failure instanceof InetException ie) {
            return ie.reason();
        }
        if (failure instanceof SSLException e) {
            return alert(e, ctx);
        }
        if (failure instanceof IOException) {
            return InetError.CLOSED;
        }
        return TlsAlert.generated(ctx.side(), ctx.state(), "TlsWire", AlertLevel.FATAL, AlertDescription.INTERNAL_ERROR,
                ErlangStrings.quote(String.valueOf(failure)));
    }

    private static TlsAlert alert(SSLException e, Context ctx) {
        String message = messages(e);
        Matcher m = RECEIVED.matcher(message);
        if (m.find()) {
            AlertLevel level = m.group(1).equals("fatal") ? AlertLevel.FATAL : AlertLevel.WARNING;
            return TlsAlert.received(ctx.side(), ctx.state(), level, AlertDescription.fromName(m.group(2)));
        }
        Matcher boring = BORINGSSL_RECEIVED.matcher(message);
        if (boring.find()) {
            return TlsAlert.received(ctx.side(), ctx.state(), AlertLevel.FATAL, AlertDescription.fromName(boring.group(1)));
        }
        HandshakeObserver o = ctx.observer();
        if (o != null && o.alertReceived() != null) {
            return TlsAlert.received(ctx.side(), ctx.state(), o.alertReceivedLevel(), o.alertReceived());
        }
        Matcher named = SENT.matcher(firstLine(e));
        AlertDescription sent = o != null && o.alertSent() != null ? o.alertSent()
                : named.find() ? AlertDescription.fromName(named.group(1))
                : guess(message, o != null && o.negotiatedTls13());
        return TlsAlert.generated(ctx.side(), ctx.state(), "SSLEngine", AlertLevel.FATAL, sent,
                ErlangStrings.quote(firstLine(e)));
    }

    /** The alert an engine most likely sent for a failure it described in words. */
    private static AlertDescription guess(String message, boolean tls13) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("unsupported or unrecognized ssl message") || m.contains("unexpected")) {
            return AlertDescription.UNEXPECTED_MESSAGE;
        }
        if (m.contains("protocol") && (m.contains("no appropriate") || m.contains("not supported")
                || m.contains("disabled") || m.contains("version"))) {
            return AlertDescription.PROTOCOL_VERSION;
        }
        if (m.contains("application protocol") || m.contains("alpn")) {
            return AlertDescription.NO_APPLICATION_PROTOCOL;
        }
        if (m.contains("empty") && m.contains("certificate") || m.contains("peer_did_not_return_a_certificate")) {
            return tls13 ? AlertDescription.CERTIFICATE_REQUIRED : AlertDescription.HANDSHAKE_FAILURE;
        }
        if (m.contains("bad record mac") || m.contains("tag mismatch")) {
            return AlertDescription.BAD_RECORD_MAC;
        }
        if (m.contains("insufficient buffer") || m.contains("invalid") || m.contains("decode")
                || m.contains("malformed")) {
            return AlertDescription.DECODE_ERROR;
        }
        if (m.contains("certification path") || m.contains("pkix path")) {
            return AlertDescription.CERTIFICATE_UNKNOWN;
        }
        if (m.contains("expired")) {
            return AlertDescription.CERTIFICATE_EXPIRED;
        }
        if (m.contains("certificate")) {
            return AlertDescription.BAD_CERTIFICATE;
        }
        if (m.contains("renegotiation")) {
            return AlertDescription.NO_RENEGOTIATION;
        }
        return AlertDescription.HANDSHAKE_FAILURE;
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
