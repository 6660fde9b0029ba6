package dev.otpnet.examples;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.backlog;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.reuseaddr;

import static java.lang.System.Logger.Level.WARNING;

import dev.otpnet.inet.AnyOption;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Proc;
import dev.otpnet.ssl.CertificateSpec;
import dev.otpnet.ssl.Certificates;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslListenSocket;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.SslOptions;
import dev.otpnet.ssl.SslSocket;
import dev.otpnet.ssl.TlsEngineKind;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The walk-through's SSL echo server ({@code DemoApp} and {@code ConnectionHandler}): one listen
 * socket with {@code {packet, 4}} and {@code {active, true}}, and handler processes that each
 * transport-accept, start the next handler (so clients are served concurrently), finish the
 * handshake in their own process, then echo.
 *
 * <pre>
 * {ok, L} = ssl:listen(7000, [{certfile, "certificate.pem"}, {keyfile, "key.pem"},
 *                             {reuseaddr, true}, {active, true}, {packet, 4}]),
 *
 * handle_info(timeout, L) ->
 *     {ok, S} = ssl:transport_accept(L),   % wait for a client to connect to the listen socket
 *     ConnectionHandlerFactory:start_child(), % spawn another connection handler
 *     ok = ssl:ssl_accept(S),              % complete the handshake
 *     {noreply, S};
 * handle_info({ssl, S, Data}, State) -> ssl:send(S, Data), {noreply, State};
 * handle_info({ssl_closed, _S}, State) -> {stop, normal, State};
 * handle_info({ssl_error, _S, _Reason}, State) -> {stop, normal, State}.
 * </pre>
 *
 * The walk-through's supervisor only starts handlers (they are {@code temporary}, never
 * restarted), so here a handler spawns the next one itself. Three departures, all on purpose: the
 * handshake has a time-out, so a client that connects and says nothing does not hold a process
 * for ever; an accept error is logged and retried after a pause instead of ending the handler
 * (which would leave nobody accepting); the backlog is 1024 (Ranch's default) rather than 5, so a
 * burst of clients does not wait for the kernel to retry their connections; and the server binds
 * 127.0.0.1, as the other examples do.
 */
public final class TlsEchoServer {
    private static final System.Logger LOG = System.getLogger(TlsEchoServer.class.getName());
    /** How long a client has to complete the handshake. */
    static final long HANDSHAKE_TIMEOUT_MS = 10_000;

    private TlsEchoServer() {
    }

    /**
     * {@code DemoApp:start/2}: listens on 127.0.0.1:{@code port} (0 picks one) with
     * {@code {packet, packetType}} and starts the first handler. Closing the returned socket stops
     * the server from accepting; connected clients are served until they leave.
     *
     * @param credentials {@code cert}/{@code key} or {@code certfile}/{@code keyfile} options, and any other
     *                    ssl option (an {@code engine}, say)
     * @param packetType  4 as in the walk-through; 0 for raw TLS (bytes echoed as they come)
     */
    public static SslListenSocket start(int port, List<SslOption> credentials, int packetType) throws InetException {
        List<AnyOption> options = new ArrayList<>(credentials);
        options.addAll(List.of(reuseaddr(true), active(true), packet(packetType), backlog(1024), ip("127.0.0.1")));
        SslListenSocket l = Ssl.listen(port, options);
        Proc.spawn(() -> handler(l));
        return l;
    }

    /** A self-signed certificate for localhost and 127.0.0.1, made in memory. */
    public static Credential selfSigned() {
        return Certificates.selfSigned(CertificateSpec.leaf("localhost").withSubjectAltNames("DNS:localhost", "IP:127.0.0.1"));
    }

    /** {@code [{cert, Chain}, {key, Key}]} for a credential. */
    public static List<SslOption> options(Credential credential) {
        return List.of(SslOptions.cert(credential.chain().toArray(X509Certificate[]::new)), SslOptions.key(credential.key()));
    }

    /**
     * {@code ConnectionHandler}: accept one client, start the next handler, handshake, echo. An
     * accept error other than {@code closed} ({@code emfile} when out of file descriptors, say) is
     * logged and retried after 100 ms, as Ranch's acceptors do, so that there is always one handler
     * accepting until the listen socket closes.
     */
    private static void handler(SslListenSocket l) {
        SslSocket s = null;
        while (s == null) {
            try {
                s = Ssl.transportAccept(l); // wait for a client to connect to the listen socket
            } catch (InetException e) {
                if (e.reason() == InetError.CLOSED) {
                    return; // the listen socket is closed: the server is stopping
                }
                LOG.log(WARNING, "transport_accept failed: {0} ({1}); trying again in 100 ms", e.reason(),
                        e.getMessage());
                Proc.receive(m -> false, 100); // receive after 100 -> ok end
            }
        }
        Proc.spawn(() -> handler(l)); // spawn another connection handler
        try {
            Ssl.handshake(s, HANDSHAKE_TIMEOUT_MS); // complete the handshake, in this process
        } catch (InetException failed) {
            return; // a TLS alert, a time-out or a closed connection; the socket is closed
        }
        echo(s);
    }

    private static void echo(SslSocket s) {
        // {active, true}, inherited from the listen socket: this process accepted the socket, so it
        // is its owner from the start and every message comes here.
        while (true) {
            switch (Proc.receive()) {
                case SocketMessage.Data(var sock, String data) when sock == s -> {
                    try {
                        Ssl.send(s, data);
                    } catch (InetException e) {
                        return;
                    }
                }
                case SocketMessage.Closed(var sock) when sock == s -> {
                    return;
                }
                case SocketMessage.Error(var sock, var _) when sock == s -> {
                    return;
                }
                default -> {
                    // not ours: a gen_server would ignore it too
                }
            }
        }
    }

    /**
     * {@code TlsEchoServer [port [certfile keyfile]] [--packet 0|1|2|4] [--engine jsse|boringssl]}:
     * port 7000 by default (0 picks a free one), a self-signed certificate made in memory unless PEM
     * files are given, {@code {packet, 4}} and the JDK's TLS engine unless told otherwise. Prints where it listens, then serves until killed.
     */
    public static void main(String[] args) throws Exception {
        EchoArgs a = EchoArgs.parse(args);
        List<SslOption> options = new ArrayList<>(a.certfile() == null ? options(selfSigned())
                : List.of(SslOptions.certfile(a.certfile()), SslOptions.keyfile(a.keyfile())));
        if (a.engine() != TlsEngineKind.JSSE) {
            options.add(SslOptions.engine(a.engine()));
        }
        SslListenSocket l = start(a.port(), options, a.packet());
        System.out.println("TLS echo server on 127.0.0.1:" + l.port() + " ({packet," + a.packet() + "}, "
                + (a.certfile() == null ? "self-signed certificate made in memory" : "certificate " + a.certfile())
                + (a.engine() == TlsEngineKind.JSSE ? "" : ", engine " + a.engine().atom())
                + ")");
        System.out.flush();
        Thread.currentThread().join(); // main owns the listen socket: it stays alive, and so does the server
    }
}
