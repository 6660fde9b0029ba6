package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.ClientHello;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.TlsEngineKind;
import dev.otpnet.ssl.TlsVersion;
import dev.otpnet.ssl.VerifyType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link TlsConfig} into engines: one {@link EngineMaker} per configuration (so sessions
 * resume across connections with the same options, as Erlang's session cache does), client
 * engines for a host and port, and, as {@link ServerEngines}, server engines chosen by the SNI
 * name of each ClientHello ({@code sni_hosts}, {@code sni_fun}). The maker is the JDK's
 * ({@link JsseEngines}) unless the configuration asks for BoringSSL ({@link NativeTls}).
 *
 * <p>Factories are cached by configuration (a small LRU); one pushed out of the cache releases
 * its maker, whose native context is freed once its last engine is released. Thread-safe.
 */
public final class TlsContextFactory implements ServerEngines {
    private static final int CACHE_SIZE = 64;
    private static final Map<TlsConfig, TlsContextFactory> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TlsConfig, TlsContextFactory> eldest) {
            if (size() > CACHE_SIZE) {
                eldest.getValue().maker.release();
                return true;
            }
            return false;
        }
    };

    private final TlsConfig config;
    private final EngineMaker maker;

    private TlsContextFactory(TlsConfig config) {
        this.config = config;
        PeerVerifier verifier = new PeerVerifier(config);
        this.maker = config.engine() == TlsEngineKind.BORINGSSL ? NativeTls.maker(config, verifier)
                : new JsseEngines(config, verifier);
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

    /**
     * A client engine for a connection to {@code host}:{@code port}. The SNI name and the name the
     * server's certificate is checked against are {@code server_name_indication} when given, else
     * {@code host}; an IP address is checked against the certificate's IP entries and not sent as
     * SNI.
     */
    public TlsEngine clientEngine(String host, int port) {
        return maker.client(host, port);
    }

    /** A server engine for this configuration, whatever the hello asked. */
    public TlsEngine serverEngine() {
        return maker.server();
    }

    /** The name a client checks the server's certificate against and sends as SNI, before the IP rule. */
    private static String name(TlsConfig config, String host) {
        return config.sni() == TlsConfig.SNI_AUTO ? host : config.sni();
    }

    /** The SNI name a client sends for {@code host}, or null (disabled, or an IP address). */
    static String sniName(TlsConfig config, String host) {
        String name = name(config, host);
        return name != null && HostnameCheck.literal(name) == null ? name : null;
    }

    /** The name a client checks the server's certificate against, or null when it does not. */
    static String checkedName(TlsConfig config, String host) {
        return config.verify() == VerifyType.VERIFY_PEER ? name(config, host) : null;
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
