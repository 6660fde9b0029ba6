package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.CipherSuite;
import dev.otpnet.ssl.ClientHello;
import dev.otpnet.ssl.SslOption;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link TlsConfig} into engines: one {@code SSLContext} per configuration (so sessions
 * resume across connections with the same options, as Erlang's session cache does), client
 * engines for a host and port, and, as {@link ServerEngines}, server engines chosen by the SNI
 * name of each ClientHello ({@code sni_hosts}, {@code sni_fun}).
 *
 * <p>Factories are cached by configuration (a small LRU). Thread-safe.
 */
public final class TlsContextFactory implements ServerEngines {
    private static final int CACHE_SIZE = 64;
    private static final Map<TlsConfig, TlsContextFactory> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TlsConfig, TlsContextFactory> eldest) {
            return size() > CACHE_SIZE;
        }
    };

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
    private final SSLContext context;
    private final PeerVerifier verifier;

    private TlsContextFactory(TlsConfig config) {
        this.config = config;
        this.verifier = new PeerVerifier(config);
        this.context = newContext();
    }

    /** The factory for {@code config}, shared by every connection with equal options. */
    public static TlsContextFactory of(TlsConfig config) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(config, TlsContextFactory::new);
        }
    }

    public TlsConfig config() {
        return config;
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

    /**
     * A client engine for a connection to {@code host}:{@code port}. The SNI name and the name the
     * server's certificate is checked against are {@code server_name_indication} when given, else
     * {@code host}; an IP address is checked against the certificate's IP entries and not sent as
     * SNI.
     */
    public TlsEngine clientEngine(String host, int port) {
        SSLEngine e = config.reuseSessions() ? context.createSSLEngine(host, port) : context.createSSLEngine();
        e.setUseClientMode(true);
        SSLParameters p = parameters(e);
        String name = config.sni() == TlsConfig.SNI_AUTO ? host : config.sni();
        String sniSent = null;
        if (name != null && HostnameCheck.literal(name) == null) {
            p.setServerNames(List.of(new SNIHostName(name)));
            sniSent = name;
        } else {
            p.setServerNames(List.of());
        }
        if (!config.alpnAdvertised().isEmpty()) {
            p.setApplicationProtocols(config.alpnAdvertised().toArray(String[]::new));
        }
        String checked = config.verify() == VerifyType.VERIFY_PEER ? name : null;
        if (checked != null) {
            p.setEndpointIdentificationAlgorithm(HOST_CHECKED);
        }
        e.setSSLParameters(p);
        VerifyOutcome outcome = verifier.register(e, checked);
        return new TlsEngine(e, outcome, true, sniSent);
    }

    /**
     * A server engine for this configuration, whatever the hello asked. Without
     * {@code reuse_sessions} every engine comes from a fresh context, whose session cache and
     * ticket keys nobody else has, so nothing can be resumed.
     */
    public TlsEngine serverEngine() {
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

    // ---- ServerEngines -------------------------------------------------------------------

    @Override
    public TlsEngine engineFor(ClientHello hello) throws InetException {
        String name = hello.serverName();
        if (name != null) {
            TlsConfig perHost = config.sniHosts().get(name.toLowerCase(Locale.ROOT));
            if (perHost != null) {
                return of(perHost).serverEngine();
            }
            if (config.sniFun() != null) {
                List<SslOption> extra = config.sniFun().apply(name);
                if (extra != null && !extra.isEmpty()) {
                    List<SslOption> merged = new ArrayList<>(OptionNormalizer.withoutSni(config.source()));
                    merged.addAll(extra);
                    return of(TlsConfig.server(merged)).serverEngine();
                }
            }
        }
        if (config.credential() == null) {
            throw new InetException(dev.otpnet.ssl.SslError.ENOSERVERCERT,
                    "no certificate for SNI name " + (name == null ? "(none sent)" : name), null);
        }
        return serverEngine();
    }

    @Override
    public TlsVersion highestVersion() {
        return config.highestVersion();
    }

    @Override
    public TlsVersion lowestVersion() {
        return config.lowestVersion();
    }

    @Override
    public boolean pauseAfterHello() {
        return config.handshake() == dev.otpnet.ssl.HandshakeMode.HELLO;
    }
}
