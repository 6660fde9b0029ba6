package dev.otpnet.internal.socket;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.socket.Domain;
import dev.otpnet.socket.IpMreq;
import dev.otpnet.socket.Linger;
import dev.otpnet.socket.Protocol;
import dev.otpnet.socket.SockOpt;
import dev.otpnet.socket.Type;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Objects;
import jdk.net.ExtendedSocketOptions;

/**
 * {@code socket:getopt/2} and {@code socket:setopt/3}: each option of {@link SockOpt} mapped to the
 * JDK's socket option, to the socket's own state, or refused with {@code enotsup} and the reason.
 */
public final class OptionTable {
    /** The options the JDK sets in the kernel for us. */
    static final Map<SockOpt<?>, SocketOption<?>> KERNEL = Map.ofEntries(
            Map.entry(SockOpt.SOCKET_REUSEADDR, StandardSocketOptions.SO_REUSEADDR),
            Map.entry(SockOpt.SOCKET_REUSEPORT, StandardSocketOptions.SO_REUSEPORT),
            Map.entry(SockOpt.SOCKET_BROADCAST, StandardSocketOptions.SO_BROADCAST),
            Map.entry(SockOpt.SOCKET_KEEPALIVE, StandardSocketOptions.SO_KEEPALIVE),
            Map.entry(SockOpt.SOCKET_RCVBUF, StandardSocketOptions.SO_RCVBUF),
            Map.entry(SockOpt.SOCKET_SNDBUF, StandardSocketOptions.SO_SNDBUF),
            Map.entry(SockOpt.SOCKET_LINGER, StandardSocketOptions.SO_LINGER),
            Map.entry(SockOpt.IP_TOS, StandardSocketOptions.IP_TOS),
            Map.entry(SockOpt.IP_MULTICAST_TTL, StandardSocketOptions.IP_MULTICAST_TTL),
            Map.entry(SockOpt.IP_MULTICAST_LOOP, StandardSocketOptions.IP_MULTICAST_LOOP),
            Map.entry(SockOpt.IP_MULTICAST_IF, StandardSocketOptions.IP_MULTICAST_IF),
            Map.entry(SockOpt.IPV6_MULTICAST_HOPS, StandardSocketOptions.IP_MULTICAST_TTL),
            Map.entry(SockOpt.TCP_NODELAY, StandardSocketOptions.TCP_NODELAY),
            Map.entry(SockOpt.TCP_KEEPIDLE, ExtendedSocketOptions.TCP_KEEPIDLE),
            Map.entry(SockOpt.TCP_KEEPINTVL, ExtendedSocketOptions.TCP_KEEPINTERVAL),
            Map.entry(SockOpt.TCP_KEEPCNT, ExtendedSocketOptions.TCP_KEEPCOUNT),
            Map.entry(SockOpt.TCP_QUICKACK, ExtendedSocketOptions.TCP_QUICKACK));

    /** The options no socket here can set, and why. */
    public static final Map<SockOpt<?>, String> REFUSED = Map.of(
            SockOpt.SOCKET_ERROR, "the JDK does not expose SO_ERROR; a failed connect is reported by connect itself",
            SockOpt.IP_TTL, "the JDK sets a TTL only for multicast (IP_MULTICAST_TTL, {ip,multicast_ttl}), not IP_TTL",
            SockOpt.IPV6_V6ONLY, "the JDK opens IPv6 sockets dual-stack and cannot set IPV6_V6ONLY; it reads false");

    private OptionTable() {
    }

    /** {@code socket:getopt(Socket, Opt)}. */
    public static <T> T get(SocketCore s, SockOpt<T> opt) throws InetException {
        Objects.requireNonNull(opt, "opt");
        SelectableChannel ch = s.channel();
        checkLevel(s, opt);
        Object v;
        if (opt == SockOpt.SOCKET_TYPE) {
            v = s.type;
        } else if (opt == SockOpt.SOCKET_DOMAIN) {
            v = s.domain;
        } else if (opt == SockOpt.SOCKET_PROTOCOL) {
            v = s.protocol;
        } else if (opt == SockOpt.SOCKET_ACCEPTCONN) {
            v = ch instanceof ServerSocketChannel;
        } else if (opt == SockOpt.SOCKET_REUSEADDR) {
            v = s.options.reuseaddr();
        } else if (opt == SockOpt.IPV6_V6ONLY) {
            v = Boolean.FALSE;
        } else if (opt == SockOpt.OTP_RCVBUF) {
            v = s.options.otpRcvbuf();
        } else if (opt == SockOpt.OTP_DEBUG) {
            v = s.options.debug();
        } else if (opt == SockOpt.OTP_META) {
            v = s.options.meta();
        } else if (opt == SockOpt.OTP_CONTROLLING_PROCESS) {
            v = s.owner().pid();
        } else if (opt == SockOpt.IP_ADD_MEMBERSHIP || opt == SockOpt.IP_DROP_MEMBERSHIP) {
            throw new IllegalArgumentException(opt + " can only be set, not read.");
        } else if (REFUSED.containsKey(opt)) {
            throw Errors.enotsup(REFUSED.get(opt));
        } else {
            v = fromKernel(opt, kernelGet((NetworkChannel) ch, KERNEL.get(opt)));
        }
        return opt.valueType().cast(v);
    }

    /** {@code socket:setopt(Socket, Opt, Value)}. */
    public static <T> void set(SocketCore s, SockOpt<T> opt, T value) throws InetException {
        Objects.requireNonNull(opt, "opt");
        if (!opt.valueType().isInstance(value) && !(opt == SockOpt.OTP_META)) {
            throw new IllegalArgumentException(opt + " takes a " + opt.valueType().getSimpleName() + ", not " + value
                    + ".");
        }
        SelectableChannel ch = s.channel();
        checkLevel(s, opt);
        if (opt == SockOpt.SOCKET_TYPE || opt == SockOpt.SOCKET_DOMAIN || opt == SockOpt.SOCKET_PROTOCOL
                || opt == SockOpt.SOCKET_ACCEPTCONN) {
            throw new IllegalArgumentException(opt + " can only be read, not set.");
        } else if (opt == SockOpt.OTP_RCVBUF) {
            int n = (Integer) value;
            if (n <= 0) {
                throw new IllegalArgumentException("{otp,rcvbuf} is a size of 1 byte or more, not " + n + ".");
            }
            s.options.otpRcvbuf(n);
        } else if (opt == SockOpt.OTP_DEBUG) {
            s.options.debug((Boolean) value);
        } else if (opt == SockOpt.OTP_META) {
            s.options.meta(value);
        } else if (opt == SockOpt.OTP_CONTROLLING_PROCESS) {
            s.transfer(dev.otpnet.internal.process.ProcessCore.of((dev.otpnet.process.Pid) value));
        } else if (opt == SockOpt.IPV6_V6ONLY && Boolean.FALSE.equals(value)) {
            return; // already so: the JDK's IPv6 sockets are dual-stack
        } else if (REFUSED.containsKey(opt)) {
            throw Errors.enotsup(REFUSED.get(opt));
        } else if (opt == SockOpt.IP_ADD_MEMBERSHIP || opt == SockOpt.IP_DROP_MEMBERSHIP) {
            membership(s, ch, opt == SockOpt.IP_ADD_MEMBERSHIP, (IpMreq) value);
        } else if (opt == SockOpt.SOCKET_REUSEADDR) {
            boolean b = (Boolean) value;
            s.options.reuseaddr(b);
            boolean heldForListen = ch instanceof SocketChannel c && !c.isConnected() && localAddress(c) != null;
            if (!heldForListen) {
                kernelSet(s, (NetworkChannel) ch, StandardSocketOptions.SO_REUSEADDR, b);
            }
        } else {
            kernelSet(s, (NetworkChannel) ch, KERNEL.get(opt), toKernel(opt, value));
        }
    }

    private static void checkLevel(SocketCore s, SockOpt<?> opt) throws InetException {
        boolean ok = switch (opt.level()) {
            case SOCKET, OTP -> true;
            case IP -> s.domain != Domain.LOCAL;
            case IPV6 -> s.domain == Domain.INET6;
            case TCP -> s.protocol == Protocol.TCP;
        };
        if (!ok) {
            throw new InetException(Posix.ENOPROTOOPT, opt + " does not apply to a " + s.domain + " " + s.type
                    + " socket", null);
        }
    }

    private static Object fromKernel(SockOpt<?> opt, Object v) {
        if (opt == SockOpt.SOCKET_LINGER) {
            int n = (Integer) v;
            return n < 0 ? new Linger(false, 0) : new Linger(true, n);
        }
        if (opt == SockOpt.IP_MULTICAST_IF) {
            if (v instanceof NetworkInterface ni) {
                return ni.inetAddresses().filter(a -> a instanceof java.net.Inet4Address).findFirst()
                        .orElse(dev.otpnet.socket.SockAddr.In.ANY);
            }
            return dev.otpnet.socket.SockAddr.In.ANY;
        }
        return v;
    }

    private static Object toKernel(SockOpt<?> opt, Object v) throws InetException {
        if (opt == SockOpt.SOCKET_LINGER) {
            Linger l = (Linger) v;
            return l.onoff() ? l.linger() : -1;
        }
        if (opt == SockOpt.IP_MULTICAST_IF) {
            return interfaceOf((InetAddress) v);
        }
        if (v instanceof Integer n && n < 0) {
            throw new IllegalArgumentException(opt + " takes 0 or more, not " + n + ".");
        }
        return v;
    }

    private static NetworkInterface interfaceOf(InetAddress address) throws InetException {
        try {
            NetworkInterface ni = NetworkInterface.getByInetAddress(address);
            if (ni == null) {
                throw new InetException(Posix.EADDRNOTAVAIL, "no interface has the address " + address.getHostAddress()
                        + " (the JDK names multicast interfaces by interface, so 0.0.0.0 cannot be given either)",
                        null);
            }
            return ni;
        } catch (SocketException e) {
            throw Errors.of(e);
        }
    }

    private static void membership(SocketCore s, SelectableChannel ch, boolean join, IpMreq m) throws InetException {
        if (!(ch instanceof DatagramChannel d)) {
            throw Errors.enotsup("the JDK joins multicast groups on DatagramChannels only, that is dgram sockets");
        }
        try {
            if (join) {
                if (s.options.membership(m) != null) {
                    throw new InetException(Posix.EADDRINUSE, "already a member of " + m, null);
                }
                MembershipKey key = d.join(m.multiaddr(), interfaceOf(m.iface()));
                s.options.joined(m, key);
            } else {
                MembershipKey key = s.options.left(m);
                if (key == null) {
                    throw new InetException(Posix.EADDRNOTAVAIL, "not a member of " + m, null);
                }
                key.drop();
            }
        } catch (IOException e) {
            throw Errors.of(e);
        }
    }

    private static Object kernelGet(NetworkChannel ch, SocketOption<?> option) throws InetException {
        if (!ch.supportedOptions().contains(option)) {
            throw Errors.enotsup(why(ch, option));
        }
        try {
            return ch.getOption(option);
        } catch (IOException e) {
            throw Errors.of(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void kernelSet(SocketCore s, NetworkChannel ch, SocketOption option, Object value)
            throws InetException {
        if (!ch.supportedOptions().contains(option)) {
            throw Errors.enotsup(why(ch, option));
        }
        try {
            ch.setOption(option, value);
            s.options.applied(option, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("{" + option.name() + "} cannot be " + value + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw Errors.of(e);
        }
    }

    private static String why(NetworkChannel ch, SocketOption<?> option) {
        String kind = ch instanceof DatagramChannel ? "DatagramChannel (dgram sockets)"
                : ch instanceof ServerSocketChannel ? "ServerSocketChannel (listening sockets)"
                : "SocketChannel (stream sockets)";
        return "the JDK's " + kind + " does not offer " + option.name() + " on this platform";
    }

    private static Object localAddress(SocketChannel c) {
        try {
            return c.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }
}
