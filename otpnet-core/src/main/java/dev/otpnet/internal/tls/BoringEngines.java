package dev.otpnet.internal.tls;

import dev.otpnet.ssl.CipherSuite;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.TlsAlert;
import dev.otpnet.ssl.TlsVersion;
import dev.otpnet.ssl.VerifyType;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.util.List;
import java.util.Optional;

/**
 * Engines from BoringSSL through netty-tcnative ({@code {engine, boringssl}}), used only through
 * {@code javax.net.ssl.SSLEngine}: a reference-counted context ({@link SslProvider#OPENSSL_REFCNT})
 * per configuration, built with {@link SslContextBuilder} from the same {@link TlsConfig} the JDK's
 * engines are built from.
 *
 * <ul>
 *   <li>Key material: our certificate chain and key as they were read from cert/key or
 *       certfile/keyfile.</li>
 *   <li>Peer verification: {@link PeerVerifier} (path validation, verify fun, depth, host name,
 *       algorithm floor) through {@link NativeTrust}; BoringSSL checks nothing itself, and
 *       netty's own host name check is turned off (ours runs in the verifier).</li>
 *   <li>Versions, TLS 1.2 suites (IANA names, which netty maps to BoringSSL's OpenSSL names; ones
 *       BoringSSL lacks are left out as the JDK's engine leaves out what it lacks), ALPN, client
 *       certificates, SNI (the host name given to the engine, or {@code server_name_indication}).</li>
 *   <li>Sessions: BoringSSL's server session cache and session tickets (keys made per context),
 *       netty's client session cache per host and port; {@code {reuse_sessions,false}} gives a
 *       server a fresh context per connection and a client engines without a peer.</li>
 * </ul>
 *
 * <p><b>Memory.</b> Each engine holds native memory and a reference to its context: the engine
 * is released when its connection ends ({@link TlsEngine#release}), the context's own reference
 * when its factory leaves the cache ({@link #release}); BoringSSL's context is freed when both
 * are gone. Thread-safe.
 */
final class BoringEngines implements EngineMaker {
    private final TlsConfig config;
    private final PeerVerifier verifier;
    private final SslContext context;

    BoringEngines(TlsConfig config, PeerVerifier verifier) {
        this.config = config;
        this.verifier = verifier;
        this.context = newContext();
    }

    /** Why BoringSSL cannot run here, or empty; called only once netty's classes were found. */
    static Optional<String> unavailability() {
        if (!OpenSsl.isAvailable()) {
            Throwable cause = OpenSsl.unavailabilityCause();
            return Optional.of("the netty-tcnative native library did not load (is the linux-x86_64 jar there, and"
                    + " is this linux-x86_64?): " + (cause == null ? "no cause given" : cause));
        }
        String version = OpenSsl.versionString();
        if (version == null || !version.contains("BoringSSL")) {
            return Optional.of("the native library is " + version + ", not BoringSSL: use"
                    + " netty-tcnative-boringssl-static");
        }
        return Optional.empty();
    }

    /** Whether BoringSSL implements {@code suite}. */
    static boolean supports(CipherSuite suite) {
        return OpenSsl.isCipherSuiteAvailable(suite.ianaName());
    }

    private SslContext newContext() {
        Credential own = config.credential();
        boolean server = config.side() == TlsAlert.Side.SERVER;
        SslContextBuilder b;
        if (server) {
            if (own == null) {
                throw new IllegalStateException("a BoringSSL server context needs a certificate; sni_hosts/sni_fun give"
                        + " one per name");
            }
            b = SslContextBuilder.forServer(own.key(), own.chain());
            b.clientAuth(config.verify() != VerifyType.VERIFY_PEER ? ClientAuth.NONE
                    : config.failIfNoPeerCert() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        } else {
            b = SslContextBuilder.forClient().endpointIdentificationAlgorithm(null);
            if (own != null) {
                b.keyManager(own.key(), own.chain());
            }
        }
        b.sslProvider(SslProvider.OPENSSL_REFCNT)
                .trustManager(new NativeTrust(verifier))
                .protocols(config.versions().stream().map(TlsVersion::jsseName).toList())
                .ciphers(config.ciphers().stream().map(CipherSuite::ianaName).toList(), SupportedCipherSuiteFilter.INSTANCE);
        List<String> alpn = server ? config.alpnPreferred() : config.alpnAdvertised();
        if (!alpn.isEmpty()) {
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
        }
        try {
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("BoringSSL refused the configuration: " + e.getMessage(), e);
        }
    }

    @Override
    public TlsEngine client(String host, int port) {
        String sni = TlsContextFactory.sniName(config, host);
        // the engine's peer host is the session cache key and the SNI name netty sends; none when
        // SNI is off or sessions are not reused
        SSLEngine e = config.reuseSessions() && sni != null
                ? context.newEngine(ByteBufAllocator.DEFAULT, sni, port)
                : context.newEngine(ByteBufAllocator.DEFAULT);
        SSLParameters p = e.getSSLParameters();
        p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        p.setEndpointIdentificationAlgorithm(null);
        e.setSSLParameters(p);
        String checked = TlsContextFactory.checkedName(config, host);
        VerifyOutcome outcome = verifier.register(e, checked);
        return new TlsEngine(e, outcome, false, sni, true, () -> ReferenceCountUtil.release(e));
    }

    /**
     * Without {@code reuse_sessions} every engine comes from a fresh context (its session cache
     * and ticket keys are its own), whose only holder is then that engine.
     */
    @Override
    public TlsEngine server() {
        SslContext c = config.reuseSessions() ? context : newContext();
        SSLEngine e = c.newEngine(ByteBufAllocator.DEFAULT);
        if (c != context) {
            ReferenceCountUtil.release(c);
        }
        VerifyOutcome outcome = verifier.register(e, null);
        return new TlsEngine(e, outcome, false, null, true, () -> ReferenceCountUtil.release(e));
    }

    @Override
    public void release() {
        ReferenceCountUtil.release(context);
    }

    /** The reference count of {@code engine}, for tests: 0 once released. */
    static int refCnt(SSLEngine engine) {
        return engine instanceof ReferenceCounted r ? r.refCnt() : -1;
    }
}
