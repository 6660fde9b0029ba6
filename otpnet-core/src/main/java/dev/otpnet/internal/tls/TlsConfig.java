package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.CipherSuite;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.HandshakeMode;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.TlsAlert;
import dev.otpnet.ssl.TlsEngineKind;
import dev.otpnet.ssl.TlsVersion;
import dev.otpnet.ssl.VerifyFun;
import dev.otpnet.ssl.VerifyType;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ssl options of one endpoint, normalised once: defaults filled in, files read, keys checked
 * against certificates, JSSE's limits enforced. {@link TlsContextFactory} turns it into engines.
 *
 * @param side                client or server
 * @param verify              verify_none or verify_peer
 * @param verifyFun           the verify fun (Erlang's default for {@code verify} when not given)
 * @param verifyState         its initial user state
 * @param failIfNoPeerCert    a server requires a client certificate
 * @param depth               intermediates allowed between the peer and a trust anchor
 * @param credential          our chain and key, or {@code null} (clients without certificates)
 * @param trustAnchors        the trust anchors (the JDK's own when none were given)
 * @param ciphers             the suites, in preference order
 * @param versions            the versions, highest first
 * @param sni                 for a client: the SNI/host-check name, {@link #SNI_AUTO} (the host
 *                            connected to) or {@code null} ({@code disable})
 * @param sniHosts            for a server: options per SNI name, normalised
 * @param sniFun              for a server: options for an SNI name, or {@code null}
 * @param alpnAdvertised      for a client: protocols offered
 * @param alpnPreferred       for a server: protocols accepted, preferred first
 * @param reuseSessions       whether sessions are resumed
 * @param clientRenegotiation for a server: whether a TLS 1.2 client may renegotiate
 * @param handshake           hello or full
 * @param source              the options this came from (for sni_fun and handshake_continue)
 * @param engine              which TLS implementation makes the engines (JSSE unless asked)
 */
public record TlsConfig(TlsAlert.Side side, VerifyType verify, VerifyFun<Object> verifyFun, Object verifyState,
                        boolean failIfNoPeerCert, int depth, Credential credential,
                        List<X509Certificate> trustAnchors, List<CipherSuite> ciphers, List<TlsVersion> versions,
                        String sni, Map<String, TlsConfig> sniHosts, Function<String, List<SslOption>> sniFun,
                        List<String> alpnAdvertised, List<String> alpnPreferred, boolean reuseSessions,
                        boolean clientRenegotiation, HandshakeMode handshake, List<SslOption> source,
                        TlsEngineKind engine) {
    /** The client sends SNI for, and checks the certificate against, the host it connects to. */
    public static final String SNI_AUTO = "\u0000auto";

    public TlsConfig {
        trustAnchors = List.copyOf(trustAnchors);
        ciphers = List.copyOf(ciphers);
        versions = List.copyOf(versions);
        sniHosts = Map.copyOf(sniHosts);
        alpnAdvertised = List.copyOf(alpnAdvertised);
        alpnPreferred = List.copyOf(alpnPreferred);
        source = List.copyOf(source);
    }

    /** A client configuration from Erlang-style options. */
    public static TlsConfig client(List<SslOption> options) throws InetException {
        return OptionNormalizer.normalize(TlsAlert.Side.CLIENT, options);
    }

    /** A server configuration from Erlang-style options. */
    public static TlsConfig server(List<SslOption> options) throws InetException {
        return OptionNormalizer.normalize(TlsAlert.Side.SERVER, options);
    }

    /** This configuration with {@code extra} options on top (later options win, as in Erlang). */
    public TlsConfig with(List<SslOption> extra) throws InetException {
        if (extra.isEmpty()) {
            return this;
        }
        List<SslOption> all = new ArrayList<>(source);
        all.addAll(extra);
        return OptionNormalizer.normalize(side, all);
    }

    /** The highest version enabled. */
    public TlsVersion highestVersion() {
        return versions.getFirst();
    }

    /** The lowest version enabled. */
    public TlsVersion lowestVersion() {
        return versions.getLast();
    }
}
