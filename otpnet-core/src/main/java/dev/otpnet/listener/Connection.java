package dev.otpnet.listener;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.internal.listener.RanchHello;
import dev.otpnet.ssl.ClientHello;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.SslSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One accepted connection as its handler gets it: the socket (owned by the handler's process,
 * TLS already established for an ssl listener), and the PROXY header when the listener reads one.
 *
 * <p><b>Ranch's {@code {handshake, hello}}.</b> When the listener's ssl options hold
 * {@code SslOptions.handshake(HandshakeMode.HELLO)}, the TLS handshake pauses after the client's
 * hello and the handler is called then, with {@link #hello()} present (Ranch's
 * {@code {continue, Info}} from {@code ranch:handshake/1}). The handler looks at the hello (SNI,
 * ALPN, versions, cipher suites) and calls {@link #handshakeContinue(List)}, with extra ssl options
 * if it likes (a certificate chosen by SNI), or {@link #handshakeCancel()}; until it continues the
 * socket carries no data. A handler that returns without either closes the connection.
 *
 * <pre>{@code
 * Listener.start("sni", Transport.ssl(List.of(certfile(def), keyfile(defKey), handshake(HELLO))), settings,
 *         conn -> {
 *             ClientHello hello = conn.hello().orElseThrow();
 *             if (hello.sni().isEmpty()) {
 *                 conn.handshakeCancel();
 *                 return;
 *             }
 *             SslSocket s = conn.handshakeContinue(certificateFor(hello.sni().get()));
 *             serve(s);
 *         });
 * }</pre>
 *
 * @param listener the listener's name (Ranch's {@code Ref})
 * @param socket   the connected socket, an {@code SslSocket} for TLS
 * @param proxy    the PROXY header, when the listener is set to read one
 * @param hello    the ClientHello, while a {@code {handshake, hello}} handshake waits for the handler
 */
public record Connection(String listener, InetSocket socket, Optional<ProxyHeader> proxy,
                         Optional<ClientHello> hello) {
    public Connection {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(hello, "hello");
        if (hello.isPresent() && !(socket instanceof SslSocket)) {
            throw new IllegalArgumentException("a ClientHello comes with a TLS socket, not " + socket);
        }
    }

    /** A connection whose handshake is complete (no hello pending). */
    public Connection(String listener, InetSocket socket, Optional<ProxyHeader> proxy) {
        this(listener, socket, proxy, Optional.empty());
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

    /** {@code ranch:handshake_continue/1}: {@link #handshakeContinue(List)} with no extra options. */
    public SslSocket handshakeContinue() throws InetException {
        return handshakeContinue(List.of());
    }

    /**
     * {@code ranch:handshake_continue/2}: finishes the paused TLS handshake with the listener's ssl
     * options plus {@code extra} (later options win: a {@code cert}/{@code key} here replaces the
     * listener's), within the listener's handshake time-out. Call it from the connection's process.
     *
     * @return the established socket, the same object as {@link #socket()}
     * @throws InetException the handshake failed (an alert, {@code timeout}, {@code closed}); the
     *     socket is closed
     * @throws IllegalStateException no handshake is paused: the listener does not pause after the
     *     hello, or it was already continued or cancelled
     */
    public SslSocket handshakeContinue(List<SslOption> extra) throws InetException {
        return RanchHello.proceed(this, List.copyOf(extra));
    }

    /**
     * {@code ranch:handshake_cancel/1}: refuses the paused handshake; the client gets a
     * {@code user_canceled} alert and the connection closes.
     *
     * @throws IllegalStateException no handshake is paused
     */
    public void handshakeCancel() {
        RanchHello.cancel(this);
    }
}
