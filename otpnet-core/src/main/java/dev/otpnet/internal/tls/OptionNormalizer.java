package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Reason;
import dev.otpnet.ssl.CipherSuite;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.HandshakeMode;
import dev.otpnet.ssl.SslError;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.TlsAlert;
import dev.otpnet.ssl.TlsEngineKind;
import dev.otpnet.ssl.TlsVersion;
import dev.otpnet.ssl.VerifyFun;
import dev.otpnet.ssl.VerifyType;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a list of {@link SslOption}s into a {@link TlsConfig}: later options override earlier
 * ones, DER options override file options, files are read, the key is checked against the
 * certificate. Options JSSE cannot honour are refused here with the reason, never ignored.
 *
 * <p>Errors: a file that cannot be used is an {@link InetException} with {@code ecertfile},
 * {@code ekeyfile}, {@code ecacertfile} or {@code ekeymismatch}; a server without a certificate
 * is {@code enoservercert}; options that contradict each other are {@code {options, Bad}};
 * an option JSSE cannot honour is an {@link IllegalArgumentException}.
 */
final class OptionNormalizer {
    private static final int DEFAULT_DEPTH = 10;

    private OptionNormalizer() {
    }

    @SuppressWarnings("unchecked")
    static TlsConfig normalize(TlsAlert.Side side, List<SslOption> options) throws InetException {
        boolean server = side == TlsAlert.Side.SERVER;
        VerifyType verify = server ? VerifyType.VERIFY_NONE : VerifyType.VERIFY_PEER;
        VerifyFun<Object> fun = null;
        Object state = null;
        boolean failIfNoPeerCert = false;
        int depth = DEFAULT_DEPTH;
        List<X509Certificate> cert = null;
        Path certFile = null;
        PrivateKey key = null;
        Path keyFile = null;
        String password = null;
        List<X509Certificate> cacerts = null;
        Path cacertFile = null;
        List<CipherSuite> ciphers = null;
        List<TlsVersion> versions = TlsVersions.DEFAULT;
        String sni = TlsConfig.SNI_AUTO;
        Map<String, List<SslOption>> sniHosts = Map.of();
        Function<String, List<SslOption>> sniFun = null;
        List<String> alpnAdvertised = List.of();
        List<String> alpnPreferred = List.of();
        boolean reuse = true;
        boolean clientRenegotiation = false;
        HandshakeMode handshake = HandshakeMode.FULL;
        TlsEngineKind engine = TlsEngineKind.JSSE;
        for (SslOption o : options) {
            switch (o) {
                case SslOption.Verify v -> verify = v.type();
                case SslOption.VerifyFunOption v -> {
                    fun = (VerifyFun<Object>) v.fun();
                    state = v.initialState();
                }
                case SslOption.FailIfNoPeerCert f -> failIfNoPeerCert = f.fail();
                case SslOption.Depth d -> depth = d.depth();
                case SslOption.Cert c -> cert = c.chain();
                case SslOption.CertFile c -> certFile = c.path();
                case SslOption.Key k -> key = k.key();
                case SslOption.KeyFile k -> keyFile = k.path();
                case SslOption.Password p -> password = p.password();
                case SslOption.CaCerts c -> cacerts = c.certificates();
                case SslOption.CaCertFile c -> cacertFile = c.path();
                case SslOption.Ciphers c -> ciphers = c.suites();
                case SslOption.Versions v -> versions = v.versions();
                case SslOption.ServerNameIndication s -> sni = s.host();
                case SslOption.SniHosts h -> sniHosts = h.hosts();
                case SslOption.SniFun f -> sniFun = f.fun();
                case SslOption.AlpnAdvertised a -> alpnAdvertised = a.protocols();
                case SslOption.AlpnPreferred a -> alpnPreferred = a.protocols();
                case SslOption.ReuseSessions r -> reuse = r.reuse();
                case SslOption.ClientRenegotiation c -> clientRenegotiation = c.allowed();
                case SslOption.Handshake h -> handshake = h.mode();
                case SslOption.Engine e -> engine = e.kind();
                case SslOption.ReuseSession r -> throw new IllegalArgumentException(r
                        + " is not supported: JSSE offers no hook to decide per session whether to resume;"
                        + " use {reuse_sessions, false} to turn resumption off");
                case SslOption.SecureRenegotiate s -> {
                    if (!s.secure()) {
                        throw new IllegalArgumentException(s + " is not supported: the JDK refuses renegotiation"
                                + " without RFC 5746 for every connection (sun.security.ssl.allowUnsafeRenegotiation"
                                + " is a JVM-wide switch)");
                    }
                }
                case SslOption.Dh d -> throw dhRefused(d);
                case SslOption.DhFile d -> throw dhRefused(d);
            }
        }
        if (!server && handshake == HandshakeMode.HELLO) {
            throw new IllegalArgumentException("{handshake,hello} is supported on servers only: an SSLEngine client"
                    + " cannot be paused after the ServerHello and given new options");
        }
        if (failIfNoPeerCert && (!server || verify == VerifyType.VERIFY_NONE)) {
            throw incompatible("[{verify," + verify + "},{fail_if_no_peer_cert,true}]");
        }
        Credential credential = credential(cert, certFile, key, keyFile, password);
        if (server && credential == null && sniHosts.isEmpty() && sniFun == null) {
            throw new InetException(SslError.ENOSERVERCERT, "give cert and key, or certfile and keyfile", null);
        }
        List<X509Certificate> anchors = cacerts != null ? cacerts
                : cacertFile != null ? PemReader.certificates(cacertFile, SslError.ECACERTFILE) : List.of();
        if (anchors.isEmpty() && verify == VerifyType.VERIFY_PEER) {
            if (server) {
                throw incompatible("[{verify,verify_peer},{cacerts,undefined}]");
            }
            anchors = systemAnchors();
        }
        List<TlsVersion> sorted = new ArrayList<>(new LinkedHashSet<>(versions));
        sorted.sort(Comparator.comparingInt(TlsVersion::code).reversed());
        List<CipherSuite> suites = ciphers != null ? ciphers : defaultSuites(sorted);
        if (fun == null) {
            fun = verify == VerifyType.VERIFY_PEER ? VerifyFun.verifyPeerDefault() : VerifyFun.verifyNoneDefault();
            state = List.of();
        }
        Map<String, TlsConfig> perHost = new HashMap<>();
        for (var e : sniHosts.entrySet()) {
            List<SslOption> merged = new ArrayList<>(withoutSni(options));
            merged.addAll(e.getValue());
            perHost.put(e.getKey().toLowerCase(java.util.Locale.ROOT), normalize(side, merged));
        }
        TlsConfig config = new TlsConfig(side, verify, fun, state, failIfNoPeerCert, depth, credential, anchors, suites,
                sorted, sni, perHost, sniFun, alpnAdvertised, alpnPreferred, reuse, clientRenegotiation, handshake, options,
                engine);
        if (engine == TlsEngineKind.BORINGSSL) {
            NativeTls.check(config, ciphers != null);
        }
        return config;
    }

    /** The options minus sni_hosts and sni_fun, as the base of a per-name configuration. */
    static List<SslOption> withoutSni(List<SslOption> options) {
        return options.stream().filter(o -> !(o instanceof SslOption.SniHosts) && !(o instanceof SslOption.SniFun)).toList();
    }

    private static Credential credential(List<X509Certificate> cert, Path certFile, PrivateKey key, Path keyFile,
                                         String password) throws InetException {
        // the key first, as Erlang reads it: a missing certfile without keyfile is reported as the keyfile
        Path keySource = keyFile != null ? keyFile : certFile;
        PrivateKey k = key != null ? key
                : keySource != null ? PemReader.key(keySource, password == null ? null : password.toCharArray()) : null;
        List<X509Certificate> chain = cert != null ? cert
                : certFile != null ? PemReader.certificates(certFile, SslError.ECERTFILE) : null;
        if (chain == null && k == null) {
            return null;
        }
        if (chain == null) {
            throw incompatible("[{key,...},{cert,undefined}]");
        }
        if (k == null) {
            throw incompatible("[{cert,...},{key,undefined}]");
        }
        PemReader.checkPair(k, chain.getFirst(), "the key" + (keySource != null && key == null ? " in " + keySource : "")
                + " and the certificate" + (certFile != null && cert == null ? " in " + certFile : ""));
        return new Credential(chain, k);
    }

    private static List<CipherSuite> defaultSuites(List<TlsVersion> versions) {
        LinkedHashSet<CipherSuite> out = new LinkedHashSet<>();
        for (TlsVersion v : versions) {
            out.addAll(CipherCatalog.defaults(v));
        }
        if (versions.contains(TlsVersion.TLSV1) || versions.contains(TlsVersion.TLSV1_1)) {
            out.addAll(CipherCatalog.all(TlsVersion.TLSV1_1));
        }
        return List.copyOf(out);
    }

    private static List<X509Certificate> systemAnchors() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return List.of(x.getAcceptedIssuers());
                }
            }
            return List.of();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's default trust store cannot be loaded", e);
        }
    }

    private static InetException incompatible(String options) {
        return new InetException(new Reason.Tagged("options", "{incompatible," + options + "}"));
    }

    private static IllegalArgumentException dhRefused(SslOption o) {
        return new IllegalArgumentException(o + " is not supported: JSSE takes no Diffie-Hellman parameters per"
                + " connection; DHE suites use the RFC 7919 groups (set jdk.tls.server.defaultDHEParameters to change"
                + " them for the whole JVM)");
    }
}
