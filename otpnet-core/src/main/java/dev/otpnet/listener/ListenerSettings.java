package dev.otpnet.listener;

import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;
import dev.otpnet.otp.ChildType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A listener's fixed configuration: Ranch's transport options map, as a record with {@code withX}
 * methods. {@link #DEFAULT} holds Ranch's defaults.
 *
 * <pre>{@code
 * ListenerSettings s = ListenerSettings.DEFAULT
 *         .withPort(8080)
 *         .withSocketOptions(List.of(ip("127.0.0.1")))
 *         .withMaxConnections(10_000)
 *         .withProxyHeader(true);
 * }</pre>
 *
 * @param port                 the port to listen on; 0 picks one, which {@link Listener#port} then tells
 * @param socketOptions        inet options for the listen socket and every accepted one ({@code ip},
 *                             {@code backlog}, {@code nodelay}, buffers...). The options that decide how
 *                             data is delivered ({@code active}, {@code mode}, {@code packet},
 *                             {@code header}, {@code packet_size}, {@code line_delimiter}) are refused, as
 *                             Ranch refuses them: the handler sets them on its own socket. Ranch's
 *                             defaults apply unless given: {@code {backlog,1024}}, {@code {nodelay,true}},
 *                             {@code {send_timeout,30000}}, {@code {send_timeout_close,true}}, and
 *                             {@code {reuseaddr,true}}
 * @param numAcceptors         processes accepting in parallel (Ranch's {@code num_acceptors}, default 10)
 * @param maxConnections       the exact limit of live connections (default 1024;
 *                             {@link #INFINITY} for none)
 * @param handshakeTimeout     milliseconds for the TLS handshake, in the connection process (default 5000)
 * @param proxyHeader          read a PROXY protocol header (v1 or v2) first on every connection; never
 *                             guessed, only when set (default false)
 * @param proxyHeaderTimeout   milliseconds for the whole PROXY header (default 3000, the spec's advice)
 * @param proxyHeaderMaxSize   the longest v2 header accepted, in bytes (default 4096)
 * @param numListenSockets     listen sockets on the one port with {@code SO_REUSEPORT}, each with its own
 *                             acceptors (Ranch's {@code num_listen_sockets}, default 1); the kernel spreads
 *                             connections over them
 * @param shutdownMillis       on stop, how long connections get to end after the {@code shutdown} exit
 *                             signal before they are killed (Ranch's {@code shutdown}, default 5000; 0 is
 *                             {@code brutal_kill})
 * @param alarms               Ranch 2.1's {@code alarms}
 * @param postListenCallback   Ranch 2.1's {@code post_listen_callback}, called with each listen socket
 *                             before any accept (default {@link PostListenCallback#NONE})
 * @param connectionType       Ranch's {@code connection_type} (default {@code WORKER}). A
 *                             {@code SUPERVISOR} connection is shut down as OTP shuts down a supervisor
 *                             child: the {@code shutdown} exit signal and as long as it takes (its
 *                             {@code shutdown} is {@code infinity}), never {@code kill}, whatever
 *                             {@code shutdownMillis} says; a handler that traps exits can stop what it
 *                             started. Fixed when the listener starts, as in Ranch
 * @param numConnsSups         Ranch's {@code num_conns_sups}: connection supervisors sharing the work of
 *                             starting connections and seeing them end, acceptors handing connections to
 *                             them in turn (default 1, not Ranch's {@code num_acceptors}: here
 *                             {@code maxConnections} stays one exact limit over all of them, so more
 *                             supervisors spread work and change no limit). Fixed when the listener starts
 */
public record ListenerSettings(int port, List<Option> socketOptions, int numAcceptors, int maxConnections,
                               long handshakeTimeout, boolean proxyHeader, long proxyHeaderTimeout,
                               int proxyHeaderMaxSize, int numListenSockets, long shutdownMillis,
                               List<Alarm> alarms, PostListenCallback postListenCallback,
                               ChildType connectionType, int numConnsSups) {

    /** No limit on connections: Erlang's {@code infinity}. */
    public static final int INFINITY = Integer.MAX_VALUE;

    private static final Set<OptionName> REFUSED = EnumSet.of(OptionName.ACTIVE, OptionName.MODE,
            OptionName.PACKET, OptionName.HEADER, OptionName.PACKET_SIZE, OptionName.LINE_DELIMITER,
            OptionName.PORT);

    public static final ListenerSettings DEFAULT = new ListenerSettings(0, List.of(), 10, 1024, 5000, false, 3000,
            ProxyHeaders.DEFAULT_MAX_SIZE, 1, 5000, List.of(), PostListenCallback.NONE, ChildType.WORKER, 1);

    public ListenerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("A port is 0 to 65535, not " + port + ".");
        }
        socketOptions = List.copyOf(socketOptions);
        for (Option o : socketOptions) {
            if (REFUSED.contains(o.name())) {
                throw new IllegalArgumentException("The listener's socket options cannot include " + o
                        + ": the handler sets how its socket delivers data" + (o.name() == OptionName.PORT
                        ? ", and the port is the settings' own port field." : "."));
            }
        }
        if (numAcceptors < 1) {
            throw new IllegalArgumentException("A listener needs at least one acceptor, not " + numAcceptors + ".");
        }
        if (maxConnections < 0) {
            throw new IllegalArgumentException("max_connections is 0 or more, or INFINITY, not " + maxConnections + ".");
        }
        positive("handshake_timeout", handshakeTimeout);
        positive("proxy_header_timeout", proxyHeaderTimeout);
        if (proxyHeaderMaxSize < 16) {
            throw new IllegalArgumentException("A PROXY header limit below 16 bytes refuses every v2 header; got "
                    + proxyHeaderMaxSize + ".");
        }
        if (numListenSockets < 1) {
            throw new IllegalArgumentException("A listener needs at least one listen socket, not "
                    + numListenSockets + ".");
        }
        if (numListenSockets > numAcceptors) {
            throw new IllegalArgumentException("Each of the " + numListenSockets + " listen sockets needs an "
                    + "acceptor, but there are only " + numAcceptors + ".");
        }
        if (shutdownMillis < 0) {
            throw new IllegalArgumentException("The shutdown time is 0 (brutal_kill) or more milliseconds, not "
                    + shutdownMillis + ".");
        }
        alarms = List.copyOf(alarms);
        java.util.Objects.requireNonNull(postListenCallback, "postListenCallback (PostListenCallback.NONE for none)");
        java.util.Objects.requireNonNull(connectionType, "connectionType");
        if (numConnsSups < 1) {
            throw new IllegalArgumentException("A listener needs at least one connection supervisor, not "
                    + numConnsSups + ".");
        }
    }

    private static void positive(String what, long ms) {
        if (ms <= 0) {
            throw new IllegalArgumentException(what + " is a positive number of milliseconds (or INFINITY), not "
                    + ms + ".");
        }
    }

    public ListenerSettings withPort(int v) {
        return new ListenerSettings(v, socketOptions, numAcceptors, maxConnections, handshakeTimeout, proxyHeader,
                proxyHeaderTimeout, proxyHeaderMaxSize, numListenSockets, shutdownMillis, alarms, postListenCallback,
                connectionType, numConnsSups);
    }

    public ListenerSettings withSocketOptions(List<? extends Option> v) {
        return new ListenerSettings(port, List.copyOf(v), numAcceptors, maxConnections, handshakeTimeout,
                proxyHeader, proxyHeaderTimeout, proxyHeaderMaxSize, numListenSockets, shutdownMillis, alarms, postListenCallback,
                connectionType, numConnsSups);
    }

    public ListenerSettings withNumAcceptors(int v) {
        return new ListenerSettings(port, socketOptions, v, maxConnections, handshakeTimeout, proxyHeader,
                proxyHeaderTimeout, proxyHeaderMaxSize, numListenSockets, shutdownMillis, alarms, postListenCallback,
                connectionType, numConnsSups);
    }

    public ListenerSettings withMaxConnections(int v) {
        return new ListenerSettings(port, socketOptions, numAcceptors, v, handshakeTimeout, proxyHeader,
                proxyHeaderTimeout, proxyHeaderMaxSize, numListenSockets, shutdownMillis, alarms, postListenCallback,
                connectionType, numConnsSups);
    }

    public ListenerSettings withHandshakeTimeout(long v) {
        return new ListenerSettings(port, socketOptions, numAcceptors, maxConnections, v, proxyHeader,
                proxyHeaderTimeout, proxyHeaderMaxSize, numListenSockets, shutdownMillis, alarms, postListenCallback,
                connectionType, numConnsSups);
    }

    public ListenerSettings withProxyHeader(boolean v) {
        return new ListenerSettings(port, socketOptions, numAcceptors, maxConnections, handshakeTimeout, v,
                proxyHeaderTimeout, proxyHeaderMaxSize, numListenSockets, shutdownMillis, alarms, postListenCallback,
                connectionType, numConnsSups);
    }

    public ListenerSettings withProxyHeaderTimeout(long v) {
        return new ListenerSettings(port, socketOptions, numAcceptors, maxConnections, handshakeTimeout,
                proxyHeader, v, proxyHeaderMaxSize, numListenSockets, shutdownMillis, alarms, postListenCallback,
                connectionType, numConnsSups);
    }

    public ListenerSettings withProxyHeaderMaxSize(int v) {
        return new ListenerSettings(port, socketOptions, numAcceptors, maxConnections, handshakeTimeout,
                proxyHeader, proxyHeaderTimeout, v, numListenSockets, shutdownMillis, alarms, postListenCallback,
                connectionType, numConnsSups);
    }

    public ListenerSettings withNumListenSockets(int v) {
        return new ListenerSettings(port, socketOptions, numAcceptors, maxConnections, handshakeTimeout,
                proxyHeader, proxyHeaderTimeout, proxyHeaderMaxSize, v, shutdownMillis, alarms, postListenCallback,
                connectionType, numConnsSups);
    }

    public ListenerSettings withShutdownMillis(long v) {
        return new ListenerSettings(port, socketOptions, numAcceptors, maxConnections, handshakeTimeout,
                proxyHeader, proxyHeaderTimeout, proxyHeaderMaxSize, numListenSockets, v, alarms, postListenCallback,
                connectionType, numConnsSups);
    }

    public ListenerSettings withAlarms(List<Alarm> v) {
        return new ListenerSettings(port, socketOptions, numAcceptors, maxConnections, handshakeTimeout,
                proxyHeader, proxyHeaderTimeout, proxyHeaderMaxSize, numListenSockets, shutdownMillis, v,
                postListenCallback, connectionType, numConnsSups);
    }

    public ListenerSettings withPostListenCallback(PostListenCallback v) {
        return new ListenerSettings(port, socketOptions, numAcceptors, maxConnections, handshakeTimeout,
                proxyHeader, proxyHeaderTimeout, proxyHeaderMaxSize, numListenSockets, shutdownMillis, alarms, v,
                connectionType, numConnsSups);
    }

    public ListenerSettings withConnectionType(ChildType v) {
        return new ListenerSettings(port, socketOptions, numAcceptors, maxConnections, handshakeTimeout,
                proxyHeader, proxyHeaderTimeout, proxyHeaderMaxSize, numListenSockets, shutdownMillis, alarms,
                postListenCallback, v, numConnsSups);
    }

    public ListenerSettings withNumConnsSups(int v) {
        return new ListenerSettings(port, socketOptions, numAcceptors, maxConnections, handshakeTimeout,
                proxyHeader, proxyHeaderTimeout, proxyHeaderMaxSize, numListenSockets, shutdownMillis, alarms,
                postListenCallback, connectionType, v);
    }
}
