package dev.otpnet.listener;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.ssl.SslSocket;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One accepted connection as its handler gets it: the socket (owned by the handler's process,
 * TLS already established for an ssl listener), and the PROXY header when the listener reads one.
 *
 * @param listener the listener's name (Ranch's {@code Ref})
 * @param socket   the connected socket, an {@code SslSocket} for TLS
 * @param proxy    the PROXY header, when the listener is set to read one
 */
public record Connection(String listener, InetSocket socket, Optional<ProxyHeader> proxy) {
    public Connection {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(proxy, "proxy");
    }

    /**
     * The client: the source of the PROXY header when a proxy relayed one, else the socket's peer
     * (for a LOCAL header, a proxy's own health check, that is the proxy).
     */
    public InetSocketAddress client() throws InetException {
        Optional<InetSocketAddress> relayed = proxy.flatMap(ProxyHeader::source);
        return relayed.isPresent() ? relayed.get() : socket.peername();
    }

    /** The TLS socket, for an ssl listener. */
    public Optional<SslSocket> tls() {
        return socket instanceof SslSocket s ? Optional.of(s) : Optional.empty();
    }
}
