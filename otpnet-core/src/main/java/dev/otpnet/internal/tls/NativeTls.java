package dev.otpnet.internal.tls;

import dev.otpnet.ssl.CipherSuite;
import dev.otpnet.ssl.TlsAlert;
import dev.otpnet.ssl.TlsVersion;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gate to the BoringSSL engine ({@code {engine, boringssl}}): whether it can be used here, and
 * whether a configuration asks for something it cannot honour. This class names no netty type,
 * so the JSSE default loads nothing of netty; {@link BoringEngines} (which does) is touched only
 * after the netty classes were found. Refusals are {@link IllegalArgumentException}s naming the
 * option and the reason, thrown when the options are normalised, before any connection.
 */
final class NativeTls {
    /** The TLS 1.3 suites BoringSSL always enables, in no order the caller can set. */
    static final Set<CipherSuite> BORINGSSL_TLS13 = Set.of(
            CipherSuite.parse("TLS_AES_128_GCM_SHA256"), CipherSuite.parse("TLS_AES_256_GCM_SHA384"),
            CipherSuite.parse("TLS_CHACHA20_POLY1305_SHA256"));

    private NativeTls() {
    }

    private static final class Availability {
        static final Optional<String> PROBLEM = probe();

        private static Optional<String> probe() {
            ClassLoader loader = NativeTls.class.getClassLoader();
            try {
                Class.forName("io.netty.handler.ssl.SslContextBuilder", false, loader);
                Class.forName("io.netty.buffer.ByteBufAllocator", false, loader);
                Class.forName("io.netty.internal.tcnative.SSL", false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.of("netty-tcnative is not on the class path: add io.netty:netty-handler and"
                        + " io.netty:netty-tcnative-boringssl-static (classifier linux-x86_64) to the application"
                        + " (on the module path also --add-modules io.netty.handler,io.netty.tcnative.classes.openssl);"
                        + " missing: " + e.getMessage());
            }
            return BoringEngines.unavailability();
        }
    }

    /** Why BoringSSL cannot be used in this JVM, or empty when it can. */
    static Optional<String> unavailable() {
        return Availability.PROBLEM;
    }

    /** The maker for {@code config}, whose options {@link #check} accepted. */
    static EngineMaker maker(TlsConfig config, PeerVerifier verifier) {
        return new BoringEngines(config, verifier);
    }

    /**
     * Refuses a configuration BoringSSL cannot honour.
     *
     * @param ciphersGiven whether the user chose the suites (the defaults are always honoured)
     */
    static void check(TlsConfig config, boolean ciphersGiven) {
        unavailable().ifPresent(why -> {
            throw new IllegalArgumentException("{engine,boringssl} cannot be used: " + why);
        });
        if (config.side() == TlsAlert.Side.SERVER && config.clientRenegotiation()) {
            throw new IllegalArgumentException("{client_renegotiation,true} is not supported with {engine,boringssl}:"
                    + " BoringSSL servers never renegotiate and refuse a client's renegotiation with a"
                    + " no_renegotiation alert; use the JSSE engine to allow it");
        }
        if (config.versions().contains(TlsVersion.TLSV1_3) && ciphersGiven) {
            Set<CipherSuite> tls13 = new LinkedHashSet<>();
            for (CipherSuite s : config.ciphers()) {
                if (BORINGSSL_TLS13.contains(s)) {
                    tls13.add(s);
                }
            }
            if (!tls13.equals(BORINGSSL_TLS13)) {
                throw new IllegalArgumentException("{ciphers,...} with tlsv1.3 is not supported with {engine,boringssl}:"
                        + " BoringSSL always enables TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384 and"
                        + " TLS_CHACHA20_POLY1305_SHA256 and cannot be told to use fewer, but the ciphers name "
                        + (tls13.isEmpty() ? "none of them" : "only " + names(tls13))
                        + "; name all three, leave tlsv1.3 out of versions, or use the JSSE engine");
            }
        }
        boolean older = config.versions().stream().anyMatch(v -> v != TlsVersion.TLSV1_3);
        if (older) {
            List<CipherSuite> usable = config.ciphers().stream()
                    .filter(s -> !BORINGSSL_TLS13.contains(s) && BoringEngines.supports(s)).toList();
            if (usable.isEmpty() && !config.versions().contains(TlsVersion.TLSV1_3)) {
                throw new IllegalArgumentException("{ciphers,...} has no suite BoringSSL implements for "
                        + config.versions() + " (it has no DHE, DSS, CCM or ARIA suites)");
            }
        }
    }

    private static String names(Set<CipherSuite> suites) {
        return String.join(", ", suites.stream().map(CipherSuite::ianaName).toList());
    }
}
