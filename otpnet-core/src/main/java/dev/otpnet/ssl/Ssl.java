package dev.otpnet.ssl;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.Reason;
import dev.otpnet.internal.tls.CipherCatalog;
import dev.otpnet.internal.tls.TlsVersions;

import java.util.List;

/**
 * Erlang's {@code ssl} module: TLS sockets on the JDK's {@code SSLEngine}.
 *
 * <p>This class holds the functions that need no socket: {@link #cipherSuites},
 * {@link #versions()} and {@link #formatError}. Options are built with {@link SslOptions};
 * failures are {@link dev.otpnet.inet.InetException}s whose reason is a {@link TlsAlert}, an
 * {@link SslError}, {@code {options, Bad}} or one of inet's reasons.
 */
public final class Ssl {

    /** Which list {@link #cipherSuites} gives, as Erlang's {@code ssl:cipher_suites/2}. */
    public enum SuiteSet {
        /** Everything the JDK permits for the version, minus what otpnet refuses as broken. */
        ALL,
        /** What otpnet offers when no {@code ciphers} option is given (Mozilla intermediate, AEAD only). */
        DEFAULT
    }

    /**
     * Erlang's {@code ssl:versions()}.
     *
     * @param supported   the versions used when no {@code versions} option is given
     * @param available   the versions that may be asked for by name (what the JDK permits)
     * @param implemented the versions the JDK implements, permitted or not
     */
    public record Versions(List<TlsVersion> supported, List<TlsVersion> available, List<TlsVersion> implemented) {
        public Versions {
            supported = List.copyOf(supported);
            available = List.copyOf(available);
            implemented = List.copyOf(implemented);
        }
    }

    private Ssl() {
    }

    /** {@code ssl:cipher_suites(all | default, Version)}. */
    public static List<CipherSuite> cipherSuites(SuiteSet set, TlsVersion version) {
        return switch (set) {
            case ALL -> CipherCatalog.all(version);
            case DEFAULT -> CipherCatalog.defaults(version);
        };
    }

    /** {@code ssl:versions()}. */
    public static Versions versions() {
        return new Versions(TlsVersions.DEFAULT, TlsVersions.available(), TlsVersions.implemented());
    }

    /**
     * {@code ssl:format_error/1}: the text of a TLS alert, of an ssl atom, {@code "Invalid TLS
     * option: Bad"} for {@code {options, Bad}}, "TLS connection is closed" for {@code closed},
     * inet's text for POSIX reasons, else {@code "Unexpected error: Reason"}.
     */
    public static String formatError(Reason reason) {
        return switch (reason) {
            case SslReason r -> r.text();
            case InetError e when e == InetError.CLOSED -> "TLS connection is closed";
            case Reason.Tagged t when t.atom().equals("options") -> "Invalid TLS option: " + t.value();
            default -> reason.text().startsWith("unknown POSIX error") ? "Unexpected error: " + reason : reason.text();
        };
    }
}
