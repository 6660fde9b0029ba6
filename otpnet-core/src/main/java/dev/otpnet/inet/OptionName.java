package dev.otpnet.inet;

import java.util.Locale;
import java.util.Optional;

/**
 * The names of socket options, for {@link Inet#getopts}. {@link #toString()} is the Erlang atom.
 *
 * <p>{@link Support} says how otpnet provides each: by the socket layer itself, through the JDK's
 * socket options, or not at all on the JVM (then {@code listen}, {@code connect}, {@code setopts}
 * and {@code getopts} fail with {@code enotsup} and a message saying why).
 */
public enum OptionName {
    ACTIVE(Kind.OTHER, Support.SOCKET),
    MODE(Kind.OTHER, Support.SOCKET),
    HEADER(Kind.INTEGER, Support.SOCKET),
    PACKET(Kind.OTHER, Support.SOCKET),
    PACKET_SIZE(Kind.INTEGER, Support.SOCKET),
    LINE_DELIMITER(Kind.INTEGER, Support.SOCKET, 0, 255),
    DELIVER(Kind.OTHER, Support.SOCKET),
    BUFFER(Kind.INTEGER, Support.SOCKET, 1, Integer.MAX_VALUE),
    DELAY_SEND(Kind.BOOLEAN, Support.SOCKET),
    EXIT_ON_CLOSE(Kind.BOOLEAN, Support.SOCKET),
    SHOW_ECONNRESET(Kind.BOOLEAN, Support.SOCKET),
    SEND_TIMEOUT(Kind.OTHER, Support.SOCKET),
    SEND_TIMEOUT_CLOSE(Kind.BOOLEAN, Support.SOCKET),
    HIGH_WATERMARK(Kind.INTEGER, Support.SOCKET),
    LOW_WATERMARK(Kind.INTEGER, Support.SOCKET),
    HIGH_MSGQ_WATERMARK(Kind.INTEGER, Support.SOCKET, 1, Integer.MAX_VALUE),
    LOW_MSGQ_WATERMARK(Kind.INTEGER, Support.SOCKET, 1, Integer.MAX_VALUE),
    NODELAY(Kind.BOOLEAN, Support.JDK),
    KEEPALIVE(Kind.BOOLEAN, Support.JDK),
    LINGER(Kind.OTHER, Support.JDK),
    REUSEADDR(Kind.BOOLEAN, Support.JDK),
    REUSEPORT(Kind.BOOLEAN, Support.JDK),
    RECBUF(Kind.INTEGER, Support.JDK, 1, Integer.MAX_VALUE),
    SNDBUF(Kind.INTEGER, Support.JDK, 1, Integer.MAX_VALUE),
    TOS(Kind.INTEGER, Support.JDK, 0, 255),
    TCLASS(Kind.INTEGER, Support.JDK, 0, 255),
    BACKLOG(Kind.INTEGER, Support.SOCKET),
    IP(Kind.OTHER, Support.SOCKET),
    PORT(Kind.INTEGER, Support.SOCKET, 0, 65535),
    FAMILY(Kind.OTHER, Support.SOCKET),
    INET_BACKEND(Kind.OTHER, Support.SOCKET),
    PRIORITY(Kind.INTEGER, Support.NONE,
            "SO_PRIORITY is not among the socket options the JDK can set"),
    DONTROUTE(Kind.BOOLEAN, Support.NONE,
            "SO_DONTROUTE is not among the socket options the JDK can set"),
    TTL(Kind.INTEGER, Support.NONE,
            "the JDK sets a TTL only on multicast sockets, not on TCP sockets"),
    RECVTOS(Kind.BOOLEAN, Support.NONE,
            "ancillary data (pktoptions) is not readable through the JDK's stream sockets"),
    RECVTCLASS(Kind.BOOLEAN, Support.NONE,
            "ancillary data (pktoptions) is not readable through the JDK's stream sockets"),
    RECVTTL(Kind.BOOLEAN, Support.NONE,
            "ancillary data (pktoptions) is not readable through the JDK's stream sockets"),
    IPV6_V6ONLY(Kind.BOOLEAN, Support.NONE,
            "the JDK opens IPv6 TCP sockets dual-stack and offers no IPV6_V6ONLY option"),
    BIND_TO_DEVICE(Kind.OTHER, Support.NONE,
            "SO_BINDTODEVICE is not among the socket options the JDK can set"),
    NETNS(Kind.OTHER, Support.NONE,
            "the JVM cannot switch network namespace per socket"),
    FD(Kind.OTHER, Support.NONE,
            "the JDK cannot adopt an existing file descriptor as a socket"),
    RAW(Kind.OTHER, Support.NONE,
            "arbitrary setsockopt calls are not possible through the JDK");

    /** The type of value an option takes. */
    public enum Kind { BOOLEAN, INTEGER, OTHER }

    /** Who provides the option. */
    public enum Support {
        /** otpnet's socket layer (framing, active modes, queues...). */
        SOCKET,
        /** The kernel, through the JDK's standard or extended socket options. */
        JDK,
        /** Not possible on the JVM; refused with {@code enotsup}. */
        NONE
    }

    private final Kind kind;
    private final Support support;
    private final int min;
    private final int max;
    private final String whyNot;

    OptionName(Kind kind, Support support) {
        this(kind, support, 0, Integer.MAX_VALUE, null);
    }

    OptionName(Kind kind, Support support, int min, int max) {
        this(kind, support, min, max, null);
    }

    OptionName(Kind kind, Support support, String whyNot) {
        this(kind, support, 0, Integer.MAX_VALUE, whyNot);
    }

    OptionName(Kind kind, Support support, int min, int max, String whyNot) {
        this.kind = kind;
        this.support = support;
        this.min = min;
        this.max = max;
        this.whyNot = whyNot;
    }

    public Kind kind() {
        return kind;
    }

    public Support support() {
        return support;
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }

    /** For an option the JVM cannot provide, why not. */
    public Optional<String> whyNotSupported() {
        return Optional.ofNullable(whyNot);
    }

    /** The option named by an Erlang atom ({@code "packet_size"}); {@code ifaddr} names {@link #IP}. */
    public static OptionName fromAtom(String atom) {
        if (atom.equals("ifaddr")) {
            return IP;
        }
        try {
            return valueOf(atom.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown socket option: " + atom, e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
