package dev.otpnet.ssl;

import dev.otpnet.inet.Bytes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client asked for in its ClientHello, read before the TLS engine sees it.
 *
 * <p>A server that set {@code handshake(HELLO)} gets this when its handshake pauses after the
 * hello (Erlang's {@code {ok, Socket, Ext}}), picks options from it, and continues or cancels.
 * {@code sni_fun} and {@code sni_hosts} choose their certificate from {@link #serverName()}.
 *
 * @param legacyVersion the version field of the hello, e.g. {@code 0x0303}
 * @param versions      the versions offered, highest first (from supported_versions when present,
 *                      else the one legacy version); versions otpnet does not know are left out
 * @param serverName    the SNI host name, or {@code null} when the client sent none
 * @param alpnProtocols the ALPN protocols offered, in the client's order
 * @param cipherSuites  the cipher suite codes offered, in the client's order
 * @param fallbackScsv  whether TLS_FALLBACK_SCSV was offered (the client is retrying with a lower
 *                      version after a failure)
 * @param sessionId     the legacy session id
 */
public record ClientHello(int legacyVersion, List<TlsVersion> versions, String serverName,
                          List<String> alpnProtocols, List<Integer> cipherSuites, boolean fallbackScsv,
                          Bytes sessionId) {
    public ClientHello {
        versions = List.copyOf(versions);
        alpnProtocols = List.copyOf(alpnProtocols);
        cipherSuites = List.copyOf(cipherSuites);
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** The SNI host name if the client sent one. */
    public Optional<String> sni() {
        return Optional.ofNullable(serverName);
    }

    /** The highest version offered, if any known version was. */
    public Optional<TlsVersion> highestVersion() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getFirst());
    }
}
