package dev.otpnet.cli;

import dev.otpnet.packet.PacketType;
import dev.otpnet.ssl.SslOption;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * What {@code otpnet echo} serves, checked: where it listens, the framing, TLS or not, and the
 * listener's limits (Ranch's {@code num_acceptors}, {@code max_connections},
 * {@code handshake_timeout}, {@code proxy_header}).
 *
 * @param bind               the address to listen on
 * @param port               the port, 0 for any free one
 * @param packet             the {@code {packet, Type}} of every connection
 * @param tls                the ssl options of the server side, or {@code null} for plain TCP
 * @param acceptors          how many processes accept at once
 * @param maxConnections     the most live connections; {@link Integer#MAX_VALUE} for infinity
 * @param handshakeTimeoutMs how long a client has to finish the TLS handshake
 * @param proxyProtocol      whether every connection starts with a PROXY protocol v1 or v2 header
 */
record EchoConfig(InetAddress bind, int port, PacketType packet, List<SslOption> tls, int acceptors,
                  int maxConnections, long handshakeTimeoutMs, boolean proxyProtocol) {
    /** How long a client behind a proxy has to send its PROXY header: the spec's 3 s advice. */
    static final long PROXY_HEADER_TIMEOUT_MS = 3_000;

    EchoConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(packet, "packet");
        tls = tls == null ? null : List.copyOf(tls);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if (acceptors < 1 || maxConnections < 1 || handshakeTimeoutMs < 1) {
            throw new IllegalArgumentException("acceptors, maxConnections and handshakeTimeoutMs must be positive");
        }
    }

    boolean isTls() {
        return tls != null;
    }
}
