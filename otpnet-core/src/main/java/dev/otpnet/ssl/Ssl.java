package dev.otpnet.ssl;

import dev.otpnet.inet.AnyOption;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.Inet;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetPort;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;
import dev.otpnet.inet.Reason;
import dev.otpnet.inet.ShutdownHow;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.internal.conn.Detached;
import dev.otpnet.internal.conn.Settings;
import dev.otpnet.internal.wire.TransportWire;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.internal.tcp.Prepared;
import dev.otpnet.internal.time.Deadline;
import dev.otpnet.internal.tcp.TcpSockets;
import dev.otpnet.internal.tls.CipherCatalog;
import dev.otpnet.internal.tls.SplitOptions;
import dev.otpnet.internal.tls.TlsConfig;
import dev.otpnet.internal.tls.TlsVersions;
import dev.otpnet.process.Pid;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Erlang's {@code ssl} module: TLS sockets on the JDK's {@code SSLEngine}, line for line.
 *
 * <pre>{@code
 * // {ok, L} = ssl:listen(7000, [{certfile, "cert.pem"}, {keyfile, "key.pem"}, {reuseaddr, true},
 * //                             {active, true}, {packet, 4}]),
 * SslListenSocket l = Ssl.listen(7000, List.of(certfile(cert), keyfile(key), reuseaddr(true),
 *         active(true), packet(4)));
 * // {ok, S} = ssl:transport_accept(L),
 * SslSocket s = Ssl.transportAccept(l);
 * // {ok, S} = ssl:handshake(S),
 * Ssl.handshake(s);
 * }</pre>
 *
 * <p>TLS sockets are {@link dev.otpnet.inet.InetSocket}s: framing, active modes, flow control and
 * ownership work exactly as on gen_tcp sockets, and their messages are the same
 * {@link dev.otpnet.inet.SocketMessage} records, tagged {@code ssl}. Options mix inet options
 * ({@link dev.otpnet.inet.Options}) and ssl options ({@link SslOptions}) in one list. Failures are
 * {@link InetException}s whose reason is a {@link TlsAlert}, an {@link SslError},
 * {@code {options, Bad}} or one of inet's reasons; {@link #formatError} gives Erlang's text.
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

    // ---------------------------------------------------------------- servers

    /** {@code ssl:listen/2}: a listening TLS socket; ssl options are checked now, certificates read now. */
    public static SslListenSocket listen(int port, List<? extends AnyOption> options) throws InetException {
        return new SslListenSocket(port, options);
    }

    /** {@code ssl:transport_accept/1}. */
    public static SslSocket transportAccept(SslListenSocket listenSocket) throws InetException {
        return listenSocket.transportAccept(Inet.INFINITY);
    }

    /**
     * {@code ssl:transport_accept/2}: a TCP connection for the caller, who owns it and must run
     * {@link #handshake}; the handshake does not block the acceptor.
     */
    public static SslSocket transportAccept(SslListenSocket listenSocket, long timeoutMillis) throws InetException {
        return listenSocket.transportAccept(timeoutMillis);
    }

    /** {@code ssl:handshake/1}. */
    public static Optional<ClientHello> handshake(SslSocket socket) throws InetException {
        return handshake(socket, Inet.INFINITY);
    }

    /**
     * {@code ssl:handshake/2} (the references' {@code ssl_accept}): runs the server handshake in
     * the calling process.
     *
     * @return empty when the connection is established ({@code {ok, S}}); the client's hello when
     *     the socket's options pause after it ({@code {ok, S, Ext}} with {@code {handshake, hello}}),
     *     to be followed by {@link #handshakeContinue} or {@link #handshakeCancel}
     * @throws InetException a TLS alert, {@code timeout} or {@code closed}; the socket is then closed
     */
    public static Optional<ClientHello> handshake(SslSocket socket, long timeoutMillis) throws InetException {
        return socket.handshake(timeoutMillis);
    }

    /** {@code ssl:handshake_continue/3}: finishes a handshake paused after the hello, with extra options. */
    public static void handshakeContinue(SslSocket socket, List<SslOption> extra, long timeoutMillis)
            throws InetException {
        socket.handshakeContinue(extra, timeoutMillis);
    }

    /** {@code ssl:handshake_cancel/1}: refuses a handshake paused after the hello (user_canceled) and closes. */
    public static void handshakeCancel(SslSocket socket) {
        socket.handshakeCancel();
    }

    /**
     * {@code ssl:handshake(Socket, Options, Timeout)}: makes a passive socket the server side of a
     * TLS connection. A gen_tcp socket hands over its connection, and bytes it had already read
     * are not lost; any other {@link InetSocket} (another TLS socket, a user's transport: the
     * references' {@code cb_info} callback) carries TLS through its own send and recv.
     */
    public static SslSocket handshake(InetSocket transport, List<? extends AnyOption> options, long timeoutMillis)
            throws InetException {
        Upgraded u = upgrade(transport, options, timeoutMillis);
        if (u.hello().isPresent()) {
            handshakeCancel(u.socket());
            throw new IllegalArgumentException("{handshake,hello} pauses the handshake: use Ssl.upgrade, which "
                    + "returns the socket with the ClientHello");
        }
        return u.socket();
    }

    /**
     * What {@link #upgrade} gives: the TLS socket, and the client's hello when the handshake paused
     * after it.
     *
     * @param socket the server side of the connection, established unless {@code hello} is present
     * @param hello  present when the options held {@code {handshake, hello}}: then the handshake waits
     *               for {@link #handshakeContinue} or {@link #handshakeCancel}
     */
    public record Upgraded(SslSocket socket, Optional<ClientHello> hello) {
    }

    /**
     * {@code ssl:handshake(Socket, Options, Timeout)} with both of Erlang's answers:
     * {@code {ok, SslSocket}}, or {@code {ok, SslSocket, Ext}} when {@code options} hold
     * {@code {handshake, hello}}, so a server upgraded from TCP (after a PROXY header, a STARTTLS)
     * can choose its options from the hello too.
     */
    public static Upgraded upgrade(InetSocket transport, List<? extends AnyOption> options, long timeoutMillis)
            throws InetException {
        SplitOptions split = SplitOptions.of(options);
        TlsConfig config = TlsConfig.server(split.ssl());
        Detached d = takeOver(transport);
        SslSocket s = SslSocket.server(d, Prepared.of(d.settings(), split.inet()).settings(), config,
                ProcessCore.current());
        return new Upgraded(s, s.handshake(timeoutMillis));
    }

    // ---------------------------------------------------------------- clients

    /** {@code ssl:connect/3}. */
    public static SslSocket connect(String host, int port, List<? extends AnyOption> options) throws InetException {
        return connect(host, port, options, Inet.INFINITY);
    }

    /**
     * {@code ssl:connect/4}: TCP connect and TLS handshake, both within {@code timeoutMillis}.
     * {@code host} is the name sent as SNI and checked against the server's certificate.
     */
    public static SslSocket connect(String host, int port, List<? extends AnyOption> options, long timeoutMillis)
            throws InetException {
        Deadline deadline = Deadline.after(timeoutMillis);
        SplitOptions split = SplitOptions.of(options);
        TlsConfig config = TlsConfig.client(split.ssl());
        TcpSocket tcp = GenTcp.connect(host, port, split.transport(), timeoutMillis);
        Detached d = TcpSockets.conn(tcp).detach();
        SslSocket s = SslSocket.client(d, Prepared.of(split.inet()).settings(), config, host, port,
                ProcessCore.current());
        s.handshake(deadline.remainingMillis());
        return s;
    }

    /** {@code ssl:connect(Socket, Options)}. */
    public static SslSocket connect(InetSocket transport, List<? extends AnyOption> options) throws InetException {
        return connect(transport, options, Inet.INFINITY);
    }

    /**
     * {@code ssl:connect(Socket, Options, Timeout)}: makes a passive socket the client side of a
     * TLS connection (STARTTLS). A gen_tcp socket hands over its connection and the new socket
     * keeps its inet options, with those in {@code options} on top; any other {@link InetSocket}
     * (another TLS socket, a user's transport: the references' {@code cb_info} callback) carries
     * TLS through its own send and recv. The name checked is {@code server_name_indication} if
     * given, else the peer's address.
     */
    public static SslSocket connect(InetSocket transport, List<? extends AnyOption> options, long timeoutMillis)
            throws InetException {
        SplitOptions split = SplitOptions.of(options);
        TlsConfig config = TlsConfig.client(split.ssl());
        InetSocketAddress peer = transport.peername();
        Detached d = takeOver(transport);
        SslSocket s = SslSocket.client(d, Prepared.of(d.settings(), split.inet()).settings(), config,
                Inet.ntoa(peer.getAddress()), peer.getPort(), ProcessCore.current());
        s.handshake(timeoutMillis);
        return s;
    }

    /** The transport's connection for a TLS socket: a gen_tcp socket's own wire, else an adapter. */
    private static Detached takeOver(InetSocket transport) throws InetException {
        if (transport instanceof TcpSocket tcp) {
            return TcpSockets.conn(tcp).detach();
        }
        return new Detached(TransportWire.over(transport), null, Bytes.EMPTY, Settings.DEFAULT);
    }

    // ---------------------------------------------------------------- connected sockets

    public static void send(SslSocket socket, Bytes data) throws InetException {
        socket.send(data);
    }

    public static void send(SslSocket socket, byte[] data) throws InetException {
        socket.send(data);
    }

    public static void send(SslSocket socket, String data) throws InetException {
        socket.send(data);
    }

    public static Object recv(SslSocket socket, int length) throws InetException {
        return socket.recv(length);
    }

    public static Object recv(SslSocket socket, int length, long timeoutMillis) throws InetException {
        return socket.recv(length, timeoutMillis);
    }

    /** {@code ssl:close/1}: sends close_notify and closes. */
    public static void close(InetPort socket) {
        socket.close();
    }

    /**
     * {@code ssl:close(S, {NewController, Timeout})}: ends TLS with a close_notify exchange and
     * returns the TCP connection, passive, owned by {@code newController}. The TLS socket must be
     * passive (set {@code {active, false}} first).
     */
    public static TcpSocket close(SslSocket socket, Pid newController, long timeoutMillis) throws InetException {
        return socket.downgrade(newController, timeoutMillis);
    }

    /** {@code ssl:shutdown/2}: with {@code write}, sends close_notify and keeps reading. */
    public static void shutdown(SslSocket socket, ShutdownHow how) throws InetException {
        socket.shutdown(how);
    }

    public static void controllingProcess(InetPort socket, Pid pid) throws InetException {
        socket.controllingProcess(pid);
    }

    public static void setopts(InetPort socket, List<? extends Option> options) throws InetException {
        socket.setopts(options);
    }

    public static List<Option> getopts(InetPort socket, List<OptionName> names) throws InetException {
        return socket.getopts(names);
    }

    public static InetSocketAddress peername(SslSocket socket) throws InetException {
        return socket.peername();
    }

    public static InetSocketAddress sockname(InetPort socket) throws InetException {
        return socket.sockname();
    }

    /** {@code ssl:peercert/1}: the peer certificate, DER. */
    public static Bytes peercert(SslSocket socket) throws InetException {
        return socket.peercert();
    }

    /** {@code ssl:connection_information/1}. */
    public static ConnectionInfo connectionInformation(SslSocket socket) throws InetException {
        return socket.connectionInformation();
    }

    /** {@code ssl:negotiated_protocol/1}. */
    public static Optional<String> negotiatedProtocol(SslSocket socket) throws InetException {
        return socket.negotiatedProtocol();
    }

    /** {@code ssl:renegotiate/1} (TLS 1.2; {@code notsup} on 1.3). */
    public static void renegotiate(SslSocket socket) throws InetException {
        socket.renegotiate(Inet.INFINITY);
    }

    /** {@code ssl:update_keys(S, read_write)} (TLS 1.3; {@code notsup} before). */
    public static void updateKeys(SslSocket socket) throws InetException {
        socket.updateKeys();
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
