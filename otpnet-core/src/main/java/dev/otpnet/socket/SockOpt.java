package dev.otpnet.socket;

import dev.otpnet.inet.Reason;
import dev.otpnet.process.Pid;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A socket option, Erlang's {@code {Level, Opt}}, typed by its value: {@code SockOpt<Boolean>} for
 * {@code {socket, reuseaddr}}, {@code SockOpt<Linger>} for {@code {socket, linger}}.
 *
 * <pre>{@code
 * Sockets.setopt(s, SockOpt.SOCKET_REUSEADDR, true);       // setopt(S, {socket, reuseaddr}, true)
 * Type t = Sockets.getopt(s, SockOpt.SOCKET_TYPE);         // {ok, stream} = getopt(S, {socket, type})
 * }</pre>
 *
 * <p>Each option maps to the JDK's {@code StandardSocketOptions} or {@code jdk.net.ExtendedSocketOptions}
 * where it can. What the JDK cannot set here fails with {@code enotsup} and a message saying why,
 * never silently nothing; {@link Sockets#supportedOptions()} lists which options this platform can
 * set. A value of the wrong type or range is an {@link IllegalArgumentException}.
 *
 * @param <T> the option's value type
 */
public final class SockOpt<T> {

    /** An option's level, the first element of Erlang's {@code {Level, Opt}}. */
    public enum Level {
        SOCKET, IP, IPV6, TCP, OTP;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final SockOpt<Boolean> SOCKET_REUSEADDR = new SockOpt<>(Level.SOCKET, "reuseaddr", Boolean.class);
    public static final SockOpt<Boolean> SOCKET_REUSEPORT = new SockOpt<>(Level.SOCKET, "reuseport", Boolean.class);
    public static final SockOpt<Linger> SOCKET_LINGER = new SockOpt<>(Level.SOCKET, "linger", Linger.class);
    public static final SockOpt<Boolean> SOCKET_BROADCAST = new SockOpt<>(Level.SOCKET, "broadcast", Boolean.class);
    public static final SockOpt<Boolean> SOCKET_KEEPALIVE = new SockOpt<>(Level.SOCKET, "keepalive", Boolean.class);
    public static final SockOpt<Integer> SOCKET_RCVBUF = new SockOpt<>(Level.SOCKET, "rcvbuf", Integer.class);
    public static final SockOpt<Integer> SOCKET_SNDBUF = new SockOpt<>(Level.SOCKET, "sndbuf", Integer.class);
    /** Read only. */
    public static final SockOpt<Type> SOCKET_TYPE = new SockOpt<>(Level.SOCKET, "type", Type.class);
    /** Read only. */
    public static final SockOpt<Domain> SOCKET_DOMAIN = new SockOpt<>(Level.SOCKET, "domain", Domain.class);
    /** Read only. */
    public static final SockOpt<Protocol> SOCKET_PROTOCOL = new SockOpt<>(Level.SOCKET, "protocol", Protocol.class);
    /** Read only: whether the socket listens. */
    public static final SockOpt<Boolean> SOCKET_ACCEPTCONN = new SockOpt<>(Level.SOCKET, "acceptconn", Boolean.class);
    /** SO_ERROR: refused, the JDK does not expose it. */
    public static final SockOpt<Reason> SOCKET_ERROR = new SockOpt<>(Level.SOCKET, "error", Reason.class);

    public static final SockOpt<Integer> IP_TOS = new SockOpt<>(Level.IP, "tos", Integer.class);
    /** IP_TTL (unicast): refused, the JDK sets a TTL only for multicast ({@link #IP_MULTICAST_TTL}). */
    public static final SockOpt<Integer> IP_TTL = new SockOpt<>(Level.IP, "ttl", Integer.class);
    public static final SockOpt<Integer> IP_MULTICAST_TTL = new SockOpt<>(Level.IP, "multicast_ttl", Integer.class);
    public static final SockOpt<Boolean> IP_MULTICAST_LOOP = new SockOpt<>(Level.IP, "multicast_loop", Boolean.class);
    /** The address of the interface multicasts leave by; {@code 0.0.0.0} when the kernel chooses. */
    public static final SockOpt<InetAddress> IP_MULTICAST_IF = new SockOpt<>(Level.IP, "multicast_if", InetAddress.class);
    /** Set only. */
    public static final SockOpt<IpMreq> IP_ADD_MEMBERSHIP = new SockOpt<>(Level.IP, "add_membership", IpMreq.class);
    /** Set only. */
    public static final SockOpt<IpMreq> IP_DROP_MEMBERSHIP = new SockOpt<>(Level.IP, "drop_membership", IpMreq.class);

    /** The JDK opens IPv6 sockets dual-stack: this reads {@code false}, and only {@code false} can be set. */
    public static final SockOpt<Boolean> IPV6_V6ONLY = new SockOpt<>(Level.IPV6, "v6only", Boolean.class);
    public static final SockOpt<Integer> IPV6_MULTICAST_HOPS = new SockOpt<>(Level.IPV6, "multicast_hops", Integer.class);

    public static final SockOpt<Boolean> TCP_NODELAY = new SockOpt<>(Level.TCP, "nodelay", Boolean.class);
    public static final SockOpt<Integer> TCP_KEEPIDLE = new SockOpt<>(Level.TCP, "keepidle", Integer.class);
    public static final SockOpt<Integer> TCP_KEEPINTVL = new SockOpt<>(Level.TCP, "keepintvl", Integer.class);
    public static final SockOpt<Integer> TCP_KEEPCNT = new SockOpt<>(Level.TCP, "keepcnt", Integer.class);
    public static final SockOpt<Boolean> TCP_QUICKACK = new SockOpt<>(Level.TCP, "quickack", Boolean.class);

    /** How many bytes {@code recv(S, 0)} and {@code recvfrom(S, 0)} read at most (Erlang's default 8192). */
    public static final SockOpt<Integer> OTP_RCVBUF = new SockOpt<>(Level.OTP, "rcvbuf", Integer.class);
    /** Logs each call on the socket through {@code System.Logger} at DEBUG. */
    public static final SockOpt<Boolean> OTP_DEBUG = new SockOpt<>(Level.OTP, "debug", Boolean.class);
    /**
     * The socket's owner, the process whose exit closes it. Only the owner may set it ({@code not_owner}),
     * and only to a live process ({@code badarg}): hand an accepted socket to its handler with this.
     */
    public static final SockOpt<Pid> OTP_CONTROLLING_PROCESS =
            new SockOpt<>(Level.OTP, "controlling_process", Pid.class);
    /** Any value the user keeps with the socket ({@code undefined}, that is null, until set). */
    public static final SockOpt<Object> OTP_META = new SockOpt<>(Level.OTP, "meta", Object.class);

    /** Every option, in the order {@link Sockets#supportedOptions()} lists them. */
    public static final List<SockOpt<?>> ALL = List.of(SOCKET_REUSEADDR, SOCKET_REUSEPORT, SOCKET_LINGER,
            SOCKET_BROADCAST, SOCKET_KEEPALIVE, SOCKET_RCVBUF, SOCKET_SNDBUF, SOCKET_TYPE, SOCKET_DOMAIN,
            SOCKET_PROTOCOL, SOCKET_ACCEPTCONN, SOCKET_ERROR, IP_TOS, IP_TTL, IP_MULTICAST_TTL, IP_MULTICAST_LOOP,
            IP_MULTICAST_IF, IP_ADD_MEMBERSHIP, IP_DROP_MEMBERSHIP, IPV6_V6ONLY, IPV6_MULTICAST_HOPS, TCP_NODELAY,
            TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT, TCP_QUICKACK, OTP_RCVBUF, OTP_DEBUG, OTP_CONTROLLING_PROCESS,
            OTP_META);

    private final Level level;
    private final String name;
    private final Class<T> valueType;

    private SockOpt(Level level, String name, Class<T> valueType) {
        this.level = level;
        this.name = name;
        this.valueType = valueType;
    }

    public Level level() {
        return level;
    }

    /** The option's atom, {@code reuseaddr} of {@code {socket, reuseaddr}}. */
    public String name() {
        return name;
    }

    public Class<T> valueType() {
        return valueType;
    }

    /**
     * The option named {@code {level, name}}; an unknown one is an {@link IllegalArgumentException}.
     * The reference's {@code {otp, recvbuf}} is {@code {otp, rcvbuf}}, Erlang/OTP's name for it.
     */
    public static SockOpt<?> of(Level level, String name) {
        Objects.requireNonNull(level, "level");
        if (level == Level.OTP && "recvbuf".equals(name)) {
            return OTP_RCVBUF;
        }
        for (SockOpt<?> o : ALL) {
            if (o.level == level && o.name.equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("{" + level + "," + name + "} is not a socket option otpnet knows.");
    }

    @Override
    public String toString() {
        return "{" + level + "," + name + "}";
    }
}
