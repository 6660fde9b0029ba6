package dev.otpnet.ssl;

import dev.otpnet.inet.Bytes;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What was negotiated on an established TLS connection: Erlang's
 * {@code ssl:connection_information/1}.
 *
 * @param protocol         the version in use
 * @param cipherSuite      the cipher suite in use
 * @param sniHostname      the SNI name (sent by us as a client, received as a server), or
 *                         {@code null}
 * @param resumed          whether the handshake resumed an earlier session (Erlang's
 *                         {@code session_resumption})
 * @param alpn             the application protocol agreed by ALPN, or {@code null}
 * @param sessionId        the session id (for TLS 1.3, what the engine reports)
 * @param peerCertificates the peer's chain, its own certificate first; empty when the peer sent
 *                         none
 */
public record ConnectionInfo(TlsVersion protocol, CipherSuite cipherSuite, String sniHostname, boolean resumed,
                             String alpn, Bytes sessionId, List<X509Certificate> peerCertificates) {
    public ConnectionInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(sessionId, "sessionId");
        peerCertificates = List.copyOf(peerCertificates);
    }

    public Optional<String> sni() {
        return Optional.ofNullable(sniHostname);
    }

    public Optional<String> negotiatedProtocol() {
        return Optional.ofNullable(alpn);
    }

    /** The peer's own certificate (Erlang's {@code ssl:peercert/1}), if it sent one. */
    public Optional<X509Certificate> peerCertificate() {
        return peerCertificates.isEmpty() ? Optional.empty() : Optional.of(peerCertificates.getFirst());
    }
}
