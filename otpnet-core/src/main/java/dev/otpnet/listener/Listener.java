package dev.otpnet.listener;

import dev.otpnet.inet.InetException;
import dev.otpnet.internal.listener.AllAcceptors;
import dev.otpnet.internal.listener.Drain;
import dev.otpnet.internal.listener.ListenerState;
import dev.otpnet.internal.listener.RanchServer;
import dev.otpnet.otp.ChildSpec;
import dev.otpnet.otp.Supervisor;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Ranch for otpnet: a TCP or TLS server is one call and one handler.
 *
 * <pre>{@code
 * Listener.start("echo", Transport.tcp(),
 *         ListenerSettings.DEFAULT.withPort(5555).withSocketOptions(List.of(ip("127.0.0.1"))),
 *         conn -> {                       // runs in the connection's own process, which owns the socket
 *             InetSocket s = conn.socket();
 *             while (true) {
 *                 s.send((Bytes) s.recv(0));
 *             }
 *         });
 * }</pre>
 *
 * <h2>The model</h2>
 *
 * <p>A listener is a supervision tree, as Ranch's is ({@code Supervisor.whichChildren} shows it):
 * a listener supervisor over a <em>connection supervisor</em> and an <em>acceptors supervisor</em>.
 * The acceptors supervisor owns the listen socket(s) and {@code numAcceptors} acceptor processes;
 * each takes a connection <em>permit</em>, accepts, and hands the socket to the connection
 * supervisor, which starts a temporary connection process for it, linked, and gives it the socket.
 * That process reads the PROXY header (when set), runs the TLS handshake (for {@link Transport.Ssl}),
 * then calls your {@link ProtocolHandler}; when it ends, however it ends, its permit comes back.
 *
 * <ul>
 *   <li><b>The limit is exact.</b> Acceptors take the permit before they accept, so there are never
 *       more than {@code maxConnections} connections, even under a storm; the excess waits in the
 *       kernel's backlog. {@link #setMaxConnections} applies at once to the next accept and never
 *       touches live connections.
 *   <li><b>Out of file descriptors</b> ({@code emfile}, {@code enfile}), acceptors pause 100 ms and
 *       retry; one warning per episode, one line when it ends.
 *   <li><b>Suspend</b> closes the listen sockets and keeps the connections; <b>resume</b> listens
 *       again on the same port. <b>Drain</b> suspends, waits for connections to end until a
 *       deadline, then ends the rest. <b>Stop</b> ends everything.
 * </ul>
 *
 * <p><b>Protocol options</b> (Ranch's {@code ProtoOpts}): start with a value and an
 * {@link OptionsHandler} and each connection's handler gets the value current when it started;
 * {@link #setProtocolOptions} changes it for new connections. <b>{@code {handshake, hello}}</b>:
 * with {@code SslOptions.handshake(HandshakeMode.HELLO)} in the ssl options the handler is called
 * with the handshake paused after the ClientHello and continues or cancels it ({@link Connection}).
 *
 * <p>Every function takes the listener's name (Ranch's {@code Ref}); an unknown name is a caller's
 * mistake ({@link IllegalArgumentException}). JFR events {@code dev.otpnet.listener.*} record
 * accepts, handshakes and connection ends.
 */
public final class Listener {
    private Listener() {
    }

    /**
     * {@code ranch:start_listener/5}: listens and starts the acceptors; returns the listener
     * supervisor. The listener runs under otpnet's own supervisor, so it outlives the caller; stop
     * it with {@link #stop}.
     *
     * @throws InetException the listen socket could not be opened ({@code eaddrinuse}...), or
     *     {@code {already_started, Name}}
     */
    public static Pid start(String name, Transport transport, ListenerSettings settings, ProtocolHandler handler)
            throws InetException {
        return RanchServer.start(state(name, transport, settings, handler));
    }

    /**
     * {@code ranch:child_spec/5}: the listener as a child of your own supervisor. It registers its
     * name when it starts; {@link #stop} then stops it through its own supervisor.
     */
    public static ChildSpec childSpec(String name, Transport transport, ListenerSettings settings,
                                      ProtocolHandler handler) {
        return RanchServer.childSpec(state(name, transport, settings, handler));
    }

    /**
     * {@code ranch:start_listener/5} with {@code ProtoOpts}: as {@link #start(String, Transport,
     * ListenerSettings, ProtocolHandler)}, the handler getting {@code protocolOptions} too, as a Ranch
     * protocol gets {@code Opts}. {@link #setProtocolOptions} replaces them for new connections.
     */
    public static <T> Pid start(String name, Transport transport, ListenerSettings settings, T protocolOptions,
                                OptionsHandler<T> handler) throws InetException {
        return RanchServer.start(state(name, transport, settings, handler, protocolOptions));
    }

    /** {@code ranch:child_spec/5} with protocol options. */
    public static <T> ChildSpec childSpec(String name, Transport transport, ListenerSettings settings,
                                          T protocolOptions, OptionsHandler<T> handler) {
        return RanchServer.childSpec(state(name, transport, settings, handler, protocolOptions));
    }

    private static ListenerState state(String name, Transport transport, ListenerSettings settings,
                                       ProtocolHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return state(name, transport, settings, (conn, opts) -> handler.serve(conn), List.of());
    }

    @SuppressWarnings("unchecked")
    private static <T> ListenerState state(String name, Transport transport, ListenerSettings settings,
                                           OptionsHandler<T> handler, T protocolOptions) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(protocolOptions, "protocolOptions");
        return new ListenerState(name, transport, settings, (OptionsHandler<Object>) handler, protocolOptions);
    }

    /** {@code ranch:stop_listener/1}: stops accepting and ends every connection (the shutdown time applies). */
    public static void stop(String name) {
        RanchServer.stop(name);
    }

    /** {@code ranch:suspend_listener/1}: closes the listen sockets; live connections carry on. */
    public static void suspend(String name) throws InetException {
        RanchServer.suspend(name);
    }

    /** {@code ranch:resume_listener/1}: listens again, on the same port. */
    public static void resume(String name) throws InetException {
        RanchServer.resume(name);
    }

    /** {@code ranch:get_status/1}. */
    public static ListenerInfo.Status status(String name) {
        return RanchServer.get(name).status();
    }

    /**
     * Drains: stops accepting, waits up to {@code timeoutMillis} for the live connections to end,
     * then ends those left with exit {@code reason} (and {@code kill} if they outlive the shutdown
     * time). The listener is left suspended, to be resumed or stopped.
     *
     * @return how many ended by themselves and how many were ended
     */
    public static DrainResult drain(String name, long timeoutMillis, Object reason) throws InetException {
        try {
            Drain.Result r = Drain.drain(RanchServer.get(name), timeoutMillis, reason);
            return new DrainResult(r.finished(), r.closed());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InetException(dev.otpnet.inet.InetError.CLOSED, "interrupted while draining", e);
        }
    }

    /** {@link #drain(String, long, Object)} ending the connections left with {@code shutdown}. */
    public static DrainResult drain(String name, long timeoutMillis) throws InetException {
        return drain(name, timeoutMillis, dev.otpnet.process.ExitReason.SHUTDOWN);
    }

    /** How a drain went. */
    public record DrainResult(int finished, int closed) {
    }

    /**
     * {@code ranch:wait_for_connections/3}, with a deadline: waits until the number of active
     * connections compares to {@code n} as {@code op} says.
     *
     * @return true when it does, false if {@code timeoutMillis} passed first
     */
    public static boolean waitForConnections(String name, WaitOp op, int n, long timeoutMillis) {
        if (n < 0) {
            throw new IllegalArgumentException("A connection count is 0 or more, not " + n + ".");
        }
        try {
            return Drain.waitFor(RanchServer.get(name), op, n, timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code ranch:set_max_connections/2}: at once for new accepts; live connections are not touched. */
    public static void setMaxConnections(String name, int max) {
        RanchServer.get(name).setMaxConnections(max);
    }

    /** {@code ranch:get_max_connections/1}; {@link ListenerSettings#INFINITY} for none. */
    public static int maxConnections(String name) {
        return RanchServer.get(name).permits().max();
    }

    /** {@code ranch:get_port/1}. */
    public static int port(String name) {
        return RanchServer.get(name).port();
    }

    /** {@code ranch:get_addr/1}: the address listened on. */
    public static InetAddress address(String name) {
        return RanchServer.get(name).ip();
    }

    /** {@code ranch:get_transport_options/1}. */
    public static ListenerSettings settings(String name) {
        return RanchServer.get(name).settings();
    }

    /**
     * {@code ranch:set_transport_options/2}: replaces the listener's settings, whether it runs or
     * is suspended (Ranch 2.0 dropped 1.x's "suspended only"), with Ranch 2.1's rules for when
     * each takes effect:
     * <ul>
     *   <li>at once: {@code maxConnections} (as {@link #setMaxConnections}), {@code handshakeTimeout},
     *       {@code shutdownMillis}, {@code alarms} and the PROXY header settings, for the next
     *       connection (or the next stop);
     *   <li>after {@link #suspend} and {@link #resume}: {@code numAcceptors},
     *       {@code numListenSockets}, {@code socketOptions}, {@code postListenCallback} and
     *       {@code port} (a port of 0 keeps the one listened on);
     *   <li>only when the listener is started again: {@code connectionType}, {@code numConnsSups}.
     * </ul>
     * Live connections are never touched. As in Ranch, suspend, set, resume is the way to change the
     * second kind.
     */
    public static void setTransportOptions(String name, ListenerSettings settings) {
        Objects.requireNonNull(settings, "settings");
        RanchServer.get(name).replaceSettings(settings);
    }

    /**
     * {@code ranch:get_protocol_options/1}: what new connections' handlers get; Ranch's {@code []}
     * ({@code List.of()}) for a listener started with a plain {@link ProtocolHandler}.
     */
    public static Object protocolOptions(String name) {
        return RanchServer.get(name).protocolOptions();
    }

    /**
     * {@code ranch:set_protocol_options/2}: connections started from now on get {@code options};
     * those already running keep theirs. It must be of the type the listener's
     * {@link OptionsHandler} takes (see there).
     */
    public static void setProtocolOptions(String name, Object options) {
        Objects.requireNonNull(options, "options");
        RanchServer.get(name).protocolOptions(options);
    }

    /**
     * Ranch 2.1's {@code stop_all_acceptors/0}: stops the acceptors of every running listener. The
     * listen sockets stay open (clients that connect meanwhile wait in the kernel's backlog) and
     * live connections carry on; {@link #acceptors} is then empty. For maintenance such as a code
     * upgrade, followed by {@link #restartAllAcceptors}.
     */
    public static void stopAllAcceptors() {
        AllAcceptors.stop();
    }

    /** Ranch 2.1's {@code restart_all_acceptors/0}: starts again the acceptors {@link #stopAllAcceptors} stopped. */
    public static void restartAllAcceptors() {
        AllAcceptors.restart();
    }

    /** {@code ranch:info/1}. */
    public static ListenerInfo info(String name) {
        return RanchServer.info(RanchServer.get(name));
    }

    /** {@code ranch:info/0}: every listener. */
    public static List<ListenerInfo> list() {
        return RanchServer.all().stream().map(RanchServer::info).toList();
    }

    /** {@code ranch:procs(Ref, acceptors)}. */
    public static List<Pid> acceptors(String name) {
        Pid sup = RanchServer.get(name).acceptorsSup();
        if (sup == null || RanchServer.get(name).status() != ListenerInfo.Status.RUNNING) {
            return List.of();
        }
        return Supervisor.whichChildren(sup).stream().flatMap(c -> c.pid().stream()).toList();
    }

    /** {@code ranch:procs(Ref, connections)}. */
    public static List<Pid> connections(String name) {
        return List.copyOf(RanchServer.get(name).conns().keySet());
    }

    /**
     * {@code ranch:remove_connection/1}, called by a connection process: stop counting me against
     * the limit (a long-lived connection that should not hold a slot). My permit comes back now.
     */
    public static void removeConnection(String name) {
        RanchServer.removeConnection(name, Proc.self());
    }
}
