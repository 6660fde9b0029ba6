package dev.otpnet.internal.tls;

import dev.otpnet.ssl.CipherSuite;
import dev.otpnet.ssl.TlsVersion;

import javax.net.ssl.SSLContext;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every cipher suite otpnet can name: those the JDK supports plus the broken ones people still
 * write (so they can be recognised and refused with a reason), each findable by IANA, JSSE
 * {@code SSL_} and OpenSSL name. Also the two lists {@code Ssl.cipherSuites} gives: all suites the
 * JDK can use for a version, and the default (Mozilla's "intermediate" AEAD suites).
 */
public final class CipherCatalog {
    /** Names seen in old configurations; they are here to be refused, never enabled. */
    private static final List<String> LEGACY = List.of(
            "TLS_RSA_WITH_RC4_128_MD5", "TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_DES_CBC_SHA",
            "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_DHE_RSA_WITH_DES_CBC_SHA", "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",
            "TLS_DHE_DSS_WITH_DES_CBC_SHA", "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
            "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_NULL_MD5", "TLS_RSA_WITH_NULL_SHA",
            "TLS_RSA_WITH_NULL_SHA256", "TLS_ECDHE_RSA_WITH_NULL_SHA", "TLS_ECDHE_ECDSA_WITH_NULL_SHA",
            "TLS_DH_anon_WITH_RC4_128_MD5", "TLS_DH_anon_WITH_DES_CBC_SHA", "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA",
            "TLS_DH_anon_WITH_AES_128_CBC_SHA", "TLS_DH_anon_WITH_AES_256_CBC_SHA",
            "TLS_DH_anon_WITH_AES_128_CBC_SHA256", "TLS_DH_anon_WITH_AES_256_CBC_SHA256",
            "TLS_DH_anon_WITH_AES_128_GCM_SHA256", "TLS_DH_anon_WITH_AES_256_GCM_SHA384",
            "TLS_ECDH_anon_WITH_RC4_128_SHA", "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA",
            "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", "TLS_ECDH_anon_WITH_AES_256_CBC_SHA",
            "TLS_RSA_EXPORT_WITH_RC4_40_MD5", "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5",
            "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA",
            "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA", "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5",
            "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA");
    /** Mozilla's intermediate configuration (v5.7): TLS 1.3 suites, then ECDHE/DHE AEAD suites. */
    private static final List<String> DEFAULT = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final class Holder {
        static final Map<String, CipherSuite> BY_NAME = new HashMap<>();
        static final List<CipherSuite> JDK_SUPPORTED = new ArrayList<>();
        static final List<CipherSuite> JDK_PERMITTED = new ArrayList<>();

        static {
            SSLContext c = jdk();
            for (String name : c.getSupportedSSLParameters().getCipherSuites()) {
                CipherSuite s = CipherNames.fromIana(name);
                if (s != null) {
                    JDK_SUPPORTED.add(s);
                    index(s, name);
                }
            }
            for (String name : c.getDefaultSSLParameters().getCipherSuites()) {
                CipherSuite s = CipherNames.fromIana(name);
                if (s != null) {
                    JDK_PERMITTED.add(s);
                }
            }
            for (String name : LEGACY) {
                index(CipherNames.fromIana(name), name);
            }
        }

        private static void index(CipherSuite s, String name) {
            BY_NAME.putIfAbsent(name.toUpperCase(Locale.ROOT), s);
            BY_NAME.putIfAbsent(CipherNames.iana(s).toUpperCase(Locale.ROOT), s);
            BY_NAME.putIfAbsent(CipherNames.openssl(s).toUpperCase(Locale.ROOT), s);
            BY_NAME.putIfAbsent(("SSL_" + CipherNames.iana(s).substring(4)).toUpperCase(Locale.ROOT), s);
        }

        private static SSLContext jdk() {
            try {
                SSLContext c = SSLContext.getInstance("TLS");
                c.init(null, null, null);
                return c;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK offers no TLS implementation", e);
            }
        }
    }

    private CipherCatalog() {
    }

    /** The suite with this IANA, {@code SSL_} or OpenSSL name (any case), or {@code null}. */
    static CipherSuite byName(String name) {
        return Holder.BY_NAME.get(name.trim().toUpperCase(Locale.ROOT));
    }

    /** Whether the JDK implements {@code s} at all. */
    public static boolean jdkSupports(CipherSuite s) {
        return Holder.JDK_SUPPORTED.contains(s);
    }

    /** Whether the JDK's security policy ({@code jdk.tls.disabledAlgorithms}) lets {@code s} be used. */
    public static boolean jdkPermits(CipherSuite s) {
        return Holder.JDK_PERMITTED.contains(s);
    }

    /** The suites usable with {@code version} that the JDK permits and otpnet allows. */
    public static List<CipherSuite> all(TlsVersion version) {
        Set<CipherSuite> out = new LinkedHashSet<>();
        for (CipherSuite s : Holder.JDK_PERMITTED) {
            if (usableWith(s, version) && CipherPolicy.refusal(s).isEmpty()) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /** The default suites for {@code version} (Mozilla intermediate), in preference order. */
    public static List<CipherSuite> defaults(TlsVersion version) {
        List<CipherSuite> out = new ArrayList<>();
        for (String name : DEFAULT) {
            CipherSuite s = CipherNames.fromIana(name);
            if (jdkPermits(s) && usableWith(s, version)) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /** Whether {@code s} can be negotiated at {@code version}. */
    public static boolean usableWith(CipherSuite s, TlsVersion version) {
        boolean tls13Suite = s.keyExchange().equals("any");
        return switch (version) {
            case TLSV1_3 -> tls13Suite;
            case TLSV1_2 -> !tls13Suite;
            case TLSV1, TLSV1_1 -> !tls13Suite && !s.mac().equals("aead") && !s.mac().equals("sha256")
                    && !s.mac().equals("sha384");
            case SSLV2, SSLV3 -> false;
        };
    }

    /** The suite a JSSE name names, for reporting what was negotiated. */
    public static CipherSuite fromJsse(String name) {
        CipherSuite s = byName(name);
        return Optional.ofNullable(s).orElseGet(() -> {
            CipherSuite parsed = CipherNames.fromIana(name);
            return parsed != null ? parsed : CipherSuite.of("unknown", "unknown", "unknown", "unknown");
        });
    }
}
