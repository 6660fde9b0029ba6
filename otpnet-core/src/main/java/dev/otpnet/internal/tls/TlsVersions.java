package dev.otpnet.internal.tls;

import dev.otpnet.ssl.TlsVersion;

import javax.net.ssl.SSLContext;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The version policy: TLS 1.3 and 1.2 by default; SSL 2 and 3 refused always; TLS 1.0 and 1.1
 * only when named and when the JDK's security policy permits them.
 */
public final class TlsVersions {
    public static final List<TlsVersion> DEFAULT = List.of(TlsVersion.TLSV1_3, TlsVersion.TLSV1_2);

    private static final class Jdk {
        static final List<TlsVersion> PERMITTED;
        static final List<TlsVersion> IMPLEMENTED;

        static {
            try {
                SSLContext c = SSLContext.getInstance("TLS");
                c.init(null, null, null);
                PERMITTED = known(c.getDefaultSSLParameters().getProtocols());
                IMPLEMENTED = known(c.getSupportedSSLParameters().getProtocols());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK offers no TLS implementation", e);
            }
        }

        private static List<TlsVersion> known(String[] names) {
            List<TlsVersion> out = new ArrayList<>();
            for (String n : names) {
                TlsVersion.parse(n).filter(v -> v != TlsVersion.SSLV2).ifPresent(out::add);
            }
            return List.copyOf(out);
        }
    }

    private TlsVersions() {
    }

    public static List<TlsVersion> available() {
        return Jdk.PERMITTED;
    }

    public static List<TlsVersion> implemented() {
        return Jdk.IMPLEMENTED;
    }

    /** Why {@code v} may not be used, or empty when it may. */
    public static Optional<String> refusal(TlsVersion v) {
        return switch (v) {
            case SSLV2 -> Optional.of("sslv2 is broken beyond repair (DROWN) and prohibited by RFC 6176");
            case SSLV3 -> Optional.of("sslv3 is broken (POODLE) and prohibited by RFC 7568");
            case TLSV1, TLSV1_1 -> Jdk.PERMITTED.contains(v) ? Optional.empty()
                    : Optional.of(v.atom() + " is deprecated by RFC 8996 and this JDK disables it"
                            + " (jdk.tls.disabledAlgorithms in the java.security file)");
            case TLSV1_2, TLSV1_3 -> Jdk.PERMITTED.contains(v) ? Optional.empty()
                    : Optional.of(v.atom() + " is disabled by this JDK's jdk.tls.disabledAlgorithms");
        };
    }
}
