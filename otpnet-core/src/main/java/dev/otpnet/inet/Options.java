package dev.otpnet.inet;

import dev.otpnet.packet.PacketType;
import java.net.InetAddress;

/**
 * Factories for socket options, named as in Erlang. Import them statically:
 *
 * <pre>{@code
 * import static dev.otpnet.inet.Options.*;
 *
 * TcpListenSocket l = GenTcp.listen(0, List.of(binary(), packet(4), active(ONCE), reuseaddr(true)));
 * }</pre>
 *
 * <p>Defaults follow Erlang's gen_tcp: {@code list} mode, {@code {packet,0}}, {@code {active,true}},
 * {@code {backlog,5}}, {@code {exit_on_close,true}}, {@code {send_timeout,infinity}},
 * {@code {high_watermark,8192}}, {@code {low_watermark,4096}}, {@code {buffer,1460}}.
 */
public final class Options {
    /** {@code once}, for {@link #active(ActiveMode)}. */
    public static final ActiveMode ONCE = ActiveMode.ONCE;

    /** The three active options without a count, made once: a server re-arms {@code {active, once}} per packet. */
    private static final Option.Active ACTIVE_TRUE = new Option.Active(ActiveMode.TRUE, 0);
    private static final Option.Active ACTIVE_FALSE = new Option.Active(ActiveMode.FALSE, 0);
    private static final Option.Active ACTIVE_ONCE = new Option.Active(ActiveMode.ONCE, 0);

    private Options() {
    }

    /** {@code {active, true}} or {@code {active, false}}. */
    public static Option.Active active(boolean on) {
        return on ? ACTIVE_TRUE : ACTIVE_FALSE;
    }

    /**
     * {@code {active, N}}, N in -32768..32767 (added to the current count by setopts). A value out
     * of range is refused where it is used: {@code einval} from setopts, badarg from listen/connect.
     */
    public static Option.Active active(int n) {
        return new Option.Active(ActiveMode.N, n);
    }

    /** {@code {active, once}} (or true/false). */
    public static Option.Active active(ActiveMode mode) {
        if (mode == ActiveMode.N) {
            throw new IllegalArgumentException("{active,N} needs a count: use active(int)");
        }
        return switch (mode) {
            case TRUE -> ACTIVE_TRUE;
            case FALSE -> ACTIVE_FALSE;
            case ONCE -> ACTIVE_ONCE;
            case N -> throw new AssertionError(mode);
        };
    }

    /** {@code {active, once}}. */
    public static Option.Active activeOnce() {
        return active(ActiveMode.ONCE);
    }

    /** {@code binary}: deliver {@link Bytes}. */
    public static Option.Mode binary() {
        return new Option.Mode(true);
    }

    /** {@code list}: deliver a {@link String} with one char per byte. */
    public static Option.Mode list() {
        return new Option.Mode(false);
    }

    /** {@code {header, Size}}: in list mode, deliver the first Size bytes as a list ahead of the rest. */
    public static Option.Int header(int size) {
        return new Option.Int(OptionName.HEADER, size);
    }

    /** {@code {packet, 0 | 1 | 2 | 4}}. */
    public static Option.Packet packet(int n) {
        return new Option.Packet(PacketType.of(n));
    }

    /** {@code {packet, Type}}. */
    public static Option.Packet packet(PacketType type) {
        return new Option.Packet(type);
    }

    /** {@code {packet_size, Max}}: the largest packet body accepted (0 = no limit); larger is {@code emsgsize}. */
    public static Option.Int packetSize(int max) {
        return new Option.Int(OptionName.PACKET_SIZE, max);
    }

    /** {@code {line_delimiter, Char}} for {@code {packet, line}}. */
    public static Option.Int lineDelimiter(int c) {
        return new Option.Int(OptionName.LINE_DELIMITER, c);
    }

    /** {@code {deliver, term}} (the default) or {@code {deliver, port}}. */
    public static Option.Deliver deliver(boolean term) {
        return new Option.Deliver(term);
    }

    /** {@code {buffer, Size}}: the socket layer's receive buffer. */
    public static Option.Int buffer(int size) {
        return new Option.Int(OptionName.BUFFER, size);
    }

    public static Option.Flag delaySend(boolean on) {
        return new Option.Flag(OptionName.DELAY_SEND, on);
    }

    /** {@code {exit_on_close, Bool}}: false keeps the socket open for sending after the peer's FIN. */
    public static Option.Flag exitOnClose(boolean on) {
        return new Option.Flag(OptionName.EXIT_ON_CLOSE, on);
    }

    /** {@code {show_econnreset, Bool}}: report a peer's reset as {@code econnreset} instead of {@code closed}. */
    public static Option.Flag showEconnreset(boolean on) {
        return new Option.Flag(OptionName.SHOW_ECONNRESET, on);
    }

    /** {@code {send_timeout, Ms}}. */
    public static Option.SendTimeout sendTimeout(long millis) {
        return new Option.SendTimeout(millis);
    }

    /** {@code {send_timeout_close, Bool}}: close the socket when a send times out. */
    public static Option.Flag sendTimeoutClose(boolean on) {
        return new Option.Flag(OptionName.SEND_TIMEOUT_CLOSE, on);
    }

    /** {@code {high_watermark, Bytes}}: a send blocks while more than this is queued. */
    public static Option.Int highWatermark(int bytes) {
        return new Option.Int(OptionName.HIGH_WATERMARK, bytes);
    }

    /** {@code {low_watermark, Bytes}}: blocked senders resume when the queue falls below this. */
    public static Option.Int lowWatermark(int bytes) {
        return new Option.Int(OptionName.LOW_WATERMARK, bytes);
    }

    public static Option.Int highMsgqWatermark(int n) {
        return new Option.Int(OptionName.HIGH_MSGQ_WATERMARK, n);
    }

    public static Option.Int lowMsgqWatermark(int n) {
        return new Option.Int(OptionName.LOW_MSGQ_WATERMARK, n);
    }

    public static Option.Flag nodelay(boolean on) {
        return new Option.Flag(OptionName.NODELAY, on);
    }

    public static Option.Flag keepalive(boolean on) {
        return new Option.Flag(OptionName.KEEPALIVE, on);
    }

    /** {@code {linger, {On, Seconds}}}; {@code linger(true, 0)} makes close abort with a reset. */
    public static Option.Linger linger(boolean on, int seconds) {
        return new Option.Linger(on, seconds);
    }

    public static Option.Flag reuseaddr(boolean on) {
        return new Option.Flag(OptionName.REUSEADDR, on);
    }

    public static Option.Flag reuseport(boolean on) {
        return new Option.Flag(OptionName.REUSEPORT, on);
    }

    public static Option.Int recbuf(int bytes) {
        return new Option.Int(OptionName.RECBUF, bytes);
    }

    public static Option.Int sndbuf(int bytes) {
        return new Option.Int(OptionName.SNDBUF, bytes);
    }

    public static Option.Int tos(int tos) {
        return new Option.Int(OptionName.TOS, tos);
    }

    public static Option.Int tclass(int tclass) {
        return new Option.Int(OptionName.TCLASS, tclass);
    }

    /** {@code {priority, N}}: not settable through the JDK; refused with {@code enotsup}. */
    public static Option.Int priority(int priority) {
        return new Option.Int(OptionName.PRIORITY, priority);
    }

    /** {@code {dontroute, Bool}}: not settable through the JDK; refused with {@code enotsup}. */
    public static Option.Flag dontroute(boolean on) {
        return new Option.Flag(OptionName.DONTROUTE, on);
    }

    /** {@code {ttl, N}}: not settable on TCP through the JDK; refused with {@code enotsup}. */
    public static Option.Int ttl(int ttl) {
        return new Option.Int(OptionName.TTL, ttl);
    }

    /** {@code {recvtos, Bool}}: refused with {@code enotsup}. */
    public static Option.Flag recvtos(boolean on) {
        return new Option.Flag(OptionName.RECVTOS, on);
    }

    /** {@code {recvtclass, Bool}}: refused with {@code enotsup}. */
    public static Option.Flag recvtclass(boolean on) {
        return new Option.Flag(OptionName.RECVTCLASS, on);
    }

    /** {@code {recvttl, Bool}}: refused with {@code enotsup}. */
    public static Option.Flag recvttl(boolean on) {
        return new Option.Flag(OptionName.RECVTTL, on);
    }

    /** {@code {ipv6_v6only, Bool}}: refused with {@code enotsup}. */
    public static Option.Flag ipv6V6only(boolean on) {
        return new Option.Flag(OptionName.IPV6_V6ONLY, on);
    }

    /** {@code {backlog, N}}: the listen queue length (default 5). */
    public static Option.Int backlog(int n) {
        return new Option.Int(OptionName.BACKLOG, n);
    }

    /** {@code {ip, Address}}: the local address to bind. */
    public static Option.Ip ip(InetAddress address) {
        return new Option.Ip(address);
    }

    /** {@code {ip, "127.0.0.1"}}: a literal address (no name lookup). */
    public static Option.Ip ip(String literal) {
        return new Option.Ip(Inet.parseAddress(literal));
    }

    /** {@code {ifaddr, Address}}: the same as {@link #ip(InetAddress)}. */
    public static Option.Ip ifaddr(InetAddress address) {
        return ip(address);
    }

    /** {@code {port, Port}}: the local port to bind. */
    public static Option.Int port(int port) {
        return new Option.Int(OptionName.PORT, port);
    }

    /** {@code inet}: IPv4. */
    public static Option.Family inet() {
        return new Option.Family(AddressFamily.INET);
    }

    /** {@code inet6}: IPv6. */
    public static Option.Family inet6() {
        return new Option.Family(AddressFamily.INET6);
    }

    /** {@code {inet_backend, inet | socket}}: accepted; otpnet has one backend, which behaves as {@code inet}. */
    public static Option.InetBackend inetBackend(boolean socket) {
        return new Option.InetBackend(socket);
    }

}
