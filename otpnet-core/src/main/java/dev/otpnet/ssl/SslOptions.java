package dev.otpnet.ssl;

import dev.otpnet.inet.InetException;
import dev.otpnet.internal.tls.CipherPolicy;
import dev.otpnet.internal.tls.PemReader;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Static factories for {@link SslOption}s, one per Erlang option, so an Erlang option list reads
 * the same in Java:
 *
 * <pre>{@code
 * // [{certfile, "server.pem"}, {keyfile, "server.key"}, {verify, verify_peer},
 * //  {cacertfile, "ca.pem"}, {fail_if_no_peer_cert, true}]
 * List.of(certfile(Path.of("server.pem")), keyfile(Path.of("server.key")), verify(VERIFY_PEER),
 *         cacertfile(Path.of("ca.pem")), failIfNoPeerCert(true));
 * }</pre>
 */
public final class SslOptions {
    private SslOptions() {
    }

    public static SslOption verify(VerifyType type) {
        return new SslOption.Verify(type);
    }

    public static <S> SslOption verifyFun(VerifyFun<S> fun, S initialState) {
        return new SslOption.VerifyFunOption(fun, initialState);
    }

    public static SslOption failIfNoPeerCert(boolean fail) {
        return new SslOption.FailIfNoPeerCert(fail);
    }

    public static SslOption depth(int depth) {
        return new SslOption.Depth(depth);
    }

    public static SslOption certfile(Path path) {
        return new SslOption.CertFile(path);
    }

    public static SslOption keyfile(Path path) {
        return new SslOption.KeyFile(path);
    }

    public static SslOption password(String password) {
        return new SslOption.Password(password);
    }

    public static SslOption cacertfile(Path path) {
        return new SslOption.CaCertFile(path);
    }

    public static SslOption cacerts(List<X509Certificate> certificates) {
        return new SslOption.CaCerts(certificates);
    }

    /** {@code {cacerts, [der_bin()]}} from DER bytes. */
    public static SslOption cacertsDer(List<byte[]> der) {
        List<X509Certificate> certs = new ArrayList<>();
        for (byte[] d : der) {
            certs.add(decode("cacerts", d));
        }
        return new SslOption.CaCerts(certs);
    }

    public static SslOption cert(X509Certificate... chain) {
        return new SslOption.Cert(Arrays.asList(chain));
    }

    /** {@code {cert, der_bin()}}, or a chain of DER certificates. */
    public static SslOption cert(byte[]... der) {
        List<X509Certificate> certs = new ArrayList<>();
        for (byte[] d : der) {
            certs.add(decode("cert", d));
        }
        return new SslOption.Cert(certs);
    }

    public static SslOption key(PrivateKey key) {
        return new SslOption.Key(key);
    }

    /**
     * {@code {key, {Type, der_bin()}}} with Type {@code "PrivateKeyInfo"}, {@code "RSAPrivateKey"}
     * or {@code "ECPrivateKey"}.
     */
    public static SslOption key(String type, byte[] der) {
        try {
            return new SslOption.Key(PemReader.derKey(type, der));
        } catch (InetException e) {
            throw new IllegalArgumentException("{key,{'" + type + "',...}}: " + e.getMessage(), e);
        }
    }

    public static SslOption ciphers(CipherSuite... suites) {
        return new SslOption.Ciphers(Arrays.asList(suites));
    }

    /**
     * Cipher suites by name: OpenSSL names ({@code ECDHE-RSA-AES128-GCM-SHA256}), IANA names, or
     * Erlang tuples; each argument may also be a colon-separated OpenSSL list. Broken suites
     * (RC4, DES, 3DES, export, NULL, anonymous) are refused with the reason.
     */
    public static SslOption ciphers(String... names) {
        List<CipherSuite> suites = new ArrayList<>();
        for (String arg : names) {
            for (String name : arg.startsWith("{") || arg.startsWith("#{") ? new String[] {arg} : arg.split(":")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    suites.add(CipherSuite.parse(name));
                } catch (IllegalArgumentException unknown) {
                    CipherPolicy.refusalByName(name).ifPresent(why -> {
                        throw new IllegalArgumentException("{ciphers,...}: " + name.trim() + " is refused: " + why, unknown);
                    });
                    throw new IllegalArgumentException("{ciphers,...}: " + unknown.getMessage(), unknown);
                }
            }
        }
        return new SslOption.Ciphers(suites);
    }

    public static SslOption versions(TlsVersion... versions) {
        return new SslOption.Versions(Arrays.asList(versions));
    }

    /** Versions by Erlang atom or JSSE name: {@code versions("tlsv1.3", "tlsv1.2")}. */
    public static SslOption versions(String... names) {
        List<TlsVersion> out = new ArrayList<>();
        for (String n : names) {
            out.add(TlsVersion.parse(n).orElseThrow(() -> new IllegalArgumentException("{versions,...}: unknown version \""
                    + n + "\"; use tlsv1.3, tlsv1.2, tlsv1.1 or tlsv1")));
        }
        return new SslOption.Versions(out);
    }

    public static SslOption serverNameIndication(String host) {
        return new SslOption.ServerNameIndication(java.util.Objects.requireNonNull(host, "server_name_indication"));
    }

    /** {@code {server_name_indication, disable}}: no SNI and no host name check. */
    public static SslOption serverNameIndicationDisable() {
        return new SslOption.ServerNameIndication(null);
    }

    public static SslOption sniHosts(Map<String, List<SslOption>> hosts) {
        return new SslOption.SniHosts(hosts);
    }

    public static SslOption sniFun(Function<String, List<SslOption>> fun) {
        return new SslOption.SniFun(fun);
    }

    public static SslOption alpnAdvertisedProtocols(String... protocols) {
        return new SslOption.AlpnAdvertised(Arrays.asList(protocols));
    }

    public static SslOption alpnPreferredProtocols(String... protocols) {
        return new SslOption.AlpnPreferred(Arrays.asList(protocols));
    }

    public static SslOption reuseSessions(boolean reuse) {
        return new SslOption.ReuseSessions(reuse);
    }

    public static SslOption reuseSession(ReuseSessionFun fun) {
        return new SslOption.ReuseSession(fun);
    }

    public static SslOption secureRenegotiate(boolean secure) {
        return new SslOption.SecureRenegotiate(secure);
    }

    public static SslOption clientRenegotiation(boolean allowed) {
        return new SslOption.ClientRenegotiation(allowed);
    }

    public static SslOption dh(byte[] der) {
        return new SslOption.Dh(der);
    }

    public static SslOption dhfile(Path path) {
        return new SslOption.DhFile(path);
    }

    public static SslOption handshake(HandshakeMode mode) {
        return new SslOption.Handshake(mode);
    }

    private static X509Certificate decode(String option, byte[] der) {
        try {
            return PemReader.derCertificate(der, SslError.ECERTFILE);
        } catch (InetException e) {
            throw new IllegalArgumentException("{" + option + ",<<...>>}: " + e.getMessage(), e);
        }
    }

    /**
     * {@code {engine, boringssl}}: run the connection on BoringSSL (netty-tcnative) instead of the
     * JDK's engine. otpnet's addition, not an Erlang option; JSSE stays the default. Refused with the
     * reason, when the connection is set up, if netty-tcnative or its native library is missing, or
     * with options BoringSSL cannot honour (TLS 1.3 suite choices, {@code {client_renegotiation,
     * true}}).
     */
    public static SslOption engine(TlsEngineKind kind) {
        return new SslOption.Engine(kind);
    }
}
