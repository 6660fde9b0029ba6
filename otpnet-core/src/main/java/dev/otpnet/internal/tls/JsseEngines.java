package dev.otpnet.internal.tls;

import dev.otpnet.ssl.CipherSuite;
import dev.otpnet.ssl.TlsVersion;
import dev.otpnet.ssl.VerifyType;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Engines from the JDK (JSSE): one {@code SSLContext} per configuration, so sessions resume
 * across connections with the same options, as Erlang's session cache does. Versions, suites,
 * SNI and ALPN are set on each engine's {@code SSLParameters}. Thread-safe.
 */
final class JsseEngines implements EngineMaker {
    /**
     * The endpoint identification a client engine declares when {@link PeerVerifier} checks the
     * server's name. JSSE never checks it itself (our trust manager is an
     * {@code X509ExtendedTrustManager}, which it does not wrap); it compares it between a session
     * and the handshake resuming it. Without one, the JDK's client refuses to resume a TLS 1.2
     * session made without extended_master_secret (RFC 7627), which is every session with an
     * Erlang/OTP 25 server, since it cannot know the resumed server is still the one checked.
     * Sessions are cached per configuration, host and port, so a resumed session was checked
     * against the same name.
     */
    static final String HOST_CHECKED = "HTTPS";

    private final TlsConfig config;
    private final PeerVerifier verifier;
    private final SSLContext context;

    JsseEngines(TlsConfig config, PeerVerifier verifier) {
        this.config = config;
        this.verifier = verifier;
        this.context = newContext();
    }

    private SSLContext newContext() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            KeyManager[] km = config.credential() == null ? null : new KeyManager[] {new OwnKeyManager(config.credential())};
            c.init(km, new TrustManager[] {verifier}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot set up TLS", e);
        }
    }

    @Override
    public TlsEngine client(String host, int port) {
        SSLEngine e = config.reuseSessions() ? context.createSSLEngine(host, port) : context.createSSLEngine();
        e.setUseClientMode(true);
        SSLParameters p = parameters(e);
        String name = TlsContextFactory.sniName(config, host);
        p.setServerNames(name == null ? List.of() : List.of(new SNIHostName(name)));
        if (!config.alpnAdvertised().isEmpty()) {
            p.setApplicationProtocols(config.alpnAdvertised().toArray(String[]::new));
        }
        String checked = TlsContextFactory.checkedName(config, host);
        if (checked != null) {
            p.setEndpointIdentificationAlgorithm(HOST_CHECKED);
        }
        e.setSSLParameters(p);
        VerifyOutcome outcome = verifier.register(e, checked);
        return new TlsEngine(e, outcome, true, name);
    }

    /**
     * Without {@code reuse_sessions} every engine comes from a fresh context, whose session cache
     * and ticket keys nobody else has, so nothing can be resumed.
     */
    @Override
    public TlsEngine server() {
        SSLContext c = config.reuseSessions() ? context : newContext();
        SSLEngine e = c.createSSLEngine();
        e.setUseClientMode(false);
        SSLParameters p = parameters(e);
        if (config.verify() == VerifyType.VERIFY_PEER) {
            if (config.failIfNoPeerCert()) {
                p.setNeedClientAuth(true);
            } else {
                p.setWantClientAuth(true);
            }
        }
        if (!config.alpnPreferred().isEmpty()) {
            p.setApplicationProtocols(config.alpnPreferred().toArray(String[]::new));
        }
        e.setSSLParameters(p);
        VerifyOutcome outcome = verifier.register(e, null);
        return new TlsEngine(e, outcome, config.clientRenegotiation(), null);
    }

    private SSLParameters parameters(SSLEngine e) {
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(config.versions().stream().map(TlsVersion::jsseName).toArray(String[]::new));
        List<String> suites = new ArrayList<>();
        for (CipherSuite s : config.ciphers()) {
            if (CipherCatalog.jdkSupports(s)) {
                suites.add(s.ianaName());
            }
        }
        p.setCipherSuites(suites.toArray(String[]::new));
        p.setEndpointIdentificationAlgorithm(null);
        return p;
    }

    @Override
    public void release() {
        // the JDK's contexts are garbage collected
    }
}
