package dev.otpnet.ssl;

/**
 * Which TLS implementation runs a connection: otpnet's addition, Erlang's ssl has one engine of
 * its own and no such choice. Chosen with {@link SslOptions#engine}.
 *
 * <p>Both run under the same otpnet TLS machinery (option checks, peer verification with the
 * verify fun and the algorithm floor, SNI, ALPN, session reuse, alerts reported as Erlang
 * reports them); only the record layer and the handshake state machine differ.
 */
public enum TlsEngineKind {
    /** The JDK's own engine (JSSE), the default: pure Java, nothing native needed. */
    JSSE,
    /**
     * BoringSSL through netty-tcnative, driven through the plain {@code javax.net.ssl.SSLEngine}
     * interface. Needs {@code io.netty:netty-handler} and
     * {@code io.netty:netty-tcnative-boringssl-static} (linux-x86_64 classifier) on the class or
     * module path; refused with the reason when they or the native library are missing. It cannot
     * choose TLS 1.3 suites, renegotiate, update keys on request, or let a client renegotiate:
     * those options are refused (see docs/FEATURES.md).
     */
    BORINGSSL;

    /** The Erlang-style atom: {@code jsse}, {@code boringssl}. */
    public String atom() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
