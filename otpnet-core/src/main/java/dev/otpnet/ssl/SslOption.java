package dev.otpnet.ssl;

import dev.otpnet.internal.tls.CipherPolicy;
import dev.otpnet.internal.tls.TlsVersions;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One option of Erlang's {@code ssl} module, as data: {@code {verify, verify_peer}} is
 * {@code new Verify(VERIFY_PEER)}, usually written {@code SslOptions.verify(VERIFY_PEER)}.
 * Every record checks its value when built and throws {@link IllegalArgumentException} naming
 * the option and the value; files are read only when the options are used.
 * {@link #toString()} prints the Erlang term.
 */
public sealed interface SslOption extends dev.otpnet.inet.AnyOption {

    /** {@code {verify, verify_none | verify_peer}}. */
    record Verify(VerifyType type) implements SslOption {
        public Verify {
            Objects.requireNonNull(type, "verify");
        }

        @Override
        public String toString() {
            return "{verify," + type + "}";
        }
    }

    /** {@code {verify_fun, {Fun, InitialUserState}}}. */
    record VerifyFunOption(VerifyFun<?> fun, Object initialState) implements SslOption {
        public VerifyFunOption {
            Objects.requireNonNull(fun, "verify_fun");
        }

        @Override
        public String toString() {
            return "{verify_fun,{" + fun + "," + initialState + "}}";
        }
    }

    /** {@code {fail_if_no_peer_cert, boolean()}}: a server fails when the client sends no certificate. */
    record FailIfNoPeerCert(boolean fail) implements SslOption {
        @Override
        public String toString() {
            return "{fail_if_no_peer_cert," + fail + "}";
        }
    }

    /** {@code {depth, integer()}}: how many intermediate CAs may stand between the peer and a trust anchor. */
    record Depth(int depth) implements SslOption {
        public Depth {
            if (depth < 0 || depth > 255) {
                throw new IllegalArgumentException("{depth," + depth + "}: depth must be between 0 and 255");
            }
        }

        @Override
        public String toString() {
            return "{depth," + depth + "}";
        }
    }

    /** {@code {cert, der_bin() | [der_bin()]}}: our certificate, then intermediates. Overrides certfile. */
    record Cert(List<X509Certificate> chain) implements SslOption {
        public Cert {
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("{cert,[]}: give at least one certificate");
            }
        }

        @Override
        public String toString() {
            return "{cert,<<" + chain.size() + " certificate(s)>>}";
        }
    }

    /** {@code {certfile, path()}}: a PEM file with our certificate, then intermediates. */
    record CertFile(Path path) implements SslOption {
        public CertFile {
            Objects.requireNonNull(path, "certfile");
        }

        @Override
        public String toString() {
            return "{certfile,\"" + path + "\"}";
        }
    }

    /** {@code {key, ...}}: our private key. Overrides keyfile. */
    record Key(PrivateKey key) implements SslOption {
        public Key {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "{key,{" + key.getAlgorithm() + ",'...'}}";
        }
    }

    /** {@code {keyfile, path()}}: a PEM file with our private key (defaults to certfile). */
    record KeyFile(Path path) implements SslOption {
        public KeyFile {
            Objects.requireNonNull(path, "keyfile");
        }

        @Override
        public String toString() {
            return "{keyfile,\"" + path + "\"}";
        }
    }

    /** {@code {password, string()}}: the password of an encrypted keyfile. Never printed. */
    record Password(String password) implements SslOption {
        public Password {
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "{password,\"********\"}";
        }
    }

    /** {@code {cacerts, [der_bin()]}}: trust anchors. Overrides cacertfile. */
    record CaCerts(List<X509Certificate> certificates) implements SslOption {
        public CaCerts {
            certificates = List.copyOf(certificates);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("{cacerts,[]}: give at least one trust anchor");
            }
        }

        @Override
        public String toString() {
            return "{cacerts,<<" + certificates.size() + " certificate(s)>>}";
        }
    }

    /** {@code {cacertfile, path()}}: a PEM file of trust anchors. */
    record CaCertFile(Path path) implements SslOption {
        public CaCertFile {
            Objects.requireNonNull(path, "cacertfile");
        }

        @Override
        public String toString() {
            return "{cacertfile,\"" + path + "\"}";
        }
    }

    /** {@code {ciphers, ciphers()}}: the suites to offer, in order. Broken suites are refused with the reason. */
    record Ciphers(List<CipherSuite> suites) implements SslOption {
        public Ciphers {
            suites = List.copyOf(suites);
            if (suites.isEmpty()) {
                throw new IllegalArgumentException("{ciphers,[]}: give at least one cipher suite");
            }
            for (CipherSuite s : suites) {
                CipherPolicy.refusal(s).ifPresent(why -> {
                    throw new IllegalArgumentException("{ciphers,...}: " + s.opensslName() + " " + s.erlangTuple()
                            + " is refused: " + why);
                });
            }
        }

        @Override
        public String toString() {
            return "{ciphers," + suites.stream().map(CipherSuite::erlangTuple).toList() + "}";
        }
    }

    /** {@code {versions, [protocol_version()]}}. SSL 2 and 3 are refused; TLS 1.0/1.1 only if the JDK permits them. */
    record Versions(List<TlsVersion> versions) implements SslOption {
        public Versions {
            versions = List.copyOf(versions);
            if (versions.isEmpty()) {
                throw new IllegalArgumentException("{versions,[]}: give at least one version");
            }
            for (TlsVersion v : versions) {
                TlsVersions.refusal(v).ifPresent(why -> {
                    throw new IllegalArgumentException("{versions,...}: " + why);
                });
            }
        }

        @Override
        public String toString() {
            return "{versions," + versions + "}";
        }
    }

    /**
     * {@code {server_name_indication, HostName | disable}}: the name a client sends in SNI and
     * checks the server's certificate against. {@code host == null} means {@code disable}.
     */
    record ServerNameIndication(String host) implements SslOption {
        public ServerNameIndication {
            if (host != null && !HostNames.isDnsName(host)) {
                throw new IllegalArgumentException("{server_name_indication,\"" + host
                        + "\"}: SNI carries a DNS host name (RFC 6066), not an address or an empty name");
            }
        }

        @Override
        public String toString() {
            return "{server_name_indication," + (host == null ? "disable" : "\"" + host + "\"") + "}";
        }
    }

    /** {@code {sni_hosts, [{HostName, [ssl_option()]}]}}: a server's options per SNI name. */
    record SniHosts(Map<String, List<SslOption>> hosts) implements SslOption {
        public SniHosts {
            hosts = Map.copyOf(hosts);
            hosts.values().forEach(List::copyOf);
        }

        @Override
        public String toString() {
            return "{sni_hosts," + hosts.keySet() + "}";
        }
    }

    /** {@code {sni_fun, Fun}}: a server's options for an SNI name; an empty list keeps the defaults. */
    record SniFun(Function<String, List<SslOption>> fun) implements SslOption {
        public SniFun {
            Objects.requireNonNull(fun, "sni_fun");
        }

        @Override
        public String toString() {
            return "{sni_fun," + fun + "}";
        }
    }

    /** {@code {alpn_advertised_protocols, [binary()]}}: what a client offers. */
    record AlpnAdvertised(List<String> protocols) implements SslOption {
        public AlpnAdvertised {
            protocols = HostNames.alpn("alpn_advertised_protocols", protocols);
        }

        @Override
        public String toString() {
            return "{alpn_advertised_protocols," + protocols + "}";
        }
    }

    /** {@code {alpn_preferred_protocols, [binary()]}}: what a server accepts, most preferred first. */
    record AlpnPreferred(List<String> protocols) implements SslOption {
        public AlpnPreferred {
            protocols = HostNames.alpn("alpn_preferred_protocols", protocols);
        }

        @Override
        public String toString() {
            return "{alpn_preferred_protocols," + protocols + "}";
        }
    }

    /** {@code {reuse_sessions, boolean()}}: offer (client) or accept (server) session resumption. */
    record ReuseSessions(boolean reuse) implements SslOption {
        @Override
        public String toString() {
            return "{reuse_sessions," + reuse + "}";
        }
    }

    /** {@code {reuse_session, fun()}}: a server's per-session resumption policy. */
    record ReuseSession(ReuseSessionFun fun) implements SslOption {
        public ReuseSession {
            Objects.requireNonNull(fun, "reuse_session");
        }

        @Override
        public String toString() {
            return "{reuse_session," + fun + "}";
        }
    }

    /** {@code {secure_renegotiate, boolean()}}: refuse renegotiation without RFC 5746. */
    record SecureRenegotiate(boolean secure) implements SslOption {
        @Override
        public String toString() {
            return "{secure_renegotiate," + secure + "}";
        }
    }

    /**
     * {@code {client_renegotiation, boolean()}}: whether a server lets a TLS 1.2 client renegotiate.
     * Off unless asked for: Erlang defaults to on (and throttles it), but a client that renegotiates
     * at will makes the server do a full handshake each time for the price of a ClientHello.
     */
    record ClientRenegotiation(boolean allowed) implements SslOption {
        @Override
        public String toString() {
            return "{client_renegotiation," + allowed + "}";
        }
    }

    /** {@code {dh, der_bin()}}: Diffie-Hellman parameters for DHE suites. */
    record Dh(byte[] der) implements SslOption {
        public Dh {
            der = der.clone();
        }

        @Override
        public String toString() {
            return "{dh,<<" + der.length + " bytes>>}";
        }
    }

    /** {@code {dhfile, path()}}. */
    record DhFile(Path path) implements SslOption {
        public DhFile {
            Objects.requireNonNull(path, "dhfile");
        }

        @Override
        public String toString() {
            return "{dhfile,\"" + path + "\"}";
        }
    }

    /** {@code {handshake, hello | full}}. */
    record Handshake(HandshakeMode mode) implements SslOption {
        public Handshake {
            Objects.requireNonNull(mode, "handshake");
        }

        @Override
        public String toString() {
            return "{handshake," + mode.name().toLowerCase(java.util.Locale.ROOT) + "}";
        }
    }

    /**
     * {@code {engine, jsse | boringssl}}: which TLS implementation runs the connection. otpnet's
     * addition (Erlang has one engine); see {@link TlsEngineKind}.
     */
    record Engine(TlsEngineKind kind) implements SslOption {
        public Engine {
            Objects.requireNonNull(kind, "engine");
        }

        @Override
        public String toString() {
            return "{engine," + kind.atom() + "}";
        }
    }
}
