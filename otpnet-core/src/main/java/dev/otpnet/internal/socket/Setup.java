package dev.otpnet.internal.socket;

import dev.otpnet.internal.time.Deadline;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.socket.Domain;
import dev.otpnet.socket.Nowait;
import dev.otpnet.socket.Protocol;
import dev.otpnet.socket.SockAddr;
import dev.otpnet.socket.SockOpt;
import dev.otpnet.socket.Socket;
import dev.otpnet.socket.Type;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;

/** {@code open}, {@code bind}, {@code listen}, {@code accept} and {@code connect}. */
public final class Setup {
    private Setup() {
    }

    /** {@code socket:open(Domain, Type, Protocol)}: the caller owns the new socket. */
    public static SocketCore open(Domain domain, Type type, Protocol protocol) throws InetException {
        Protocol p = resolve(domain, type, protocol);
        SelectableChannel ch;
        try {
            ch = type == Type.STREAM ? SocketChannel.open(family(domain)) : DatagramChannel.open(family(domain));
        } catch (IOException | UnsupportedOperationException e) {
            throw Errors.of(e, "cannot open a " + domain + " " + type + " socket");
        }
        try {
            return new SocketCore(domain, type, p, ch, ProcessCore.current()).start();
        } catch (IOException e) {
            close(ch);
            throw Errors.of(e);
        }
    }

    private static Protocol resolve(Domain domain, Type type, Protocol protocol) throws InetException {
        if (domain == null || type == null || protocol == null) {
            throw new IllegalArgumentException("open needs a domain, a type and a protocol (Protocol.DEFAULT picks).");
        }
        if (domain == Domain.LOCAL) {
            if (protocol != Protocol.DEFAULT) {
                throw new InetException(Posix.EPROTONOSUPPORT, "local sockets take Protocol.DEFAULT", null);
            }
            if (type == Type.DGRAM) {
                throw Errors.enotsup("local dgram sockets are out of reach: the JDK's DatagramChannel supports"
                        + " only inet and inet6, and its Unix domain support is for stream sockets only");
            }
            return Protocol.DEFAULT;
        }
        Protocol implied = type == Type.STREAM ? Protocol.TCP : Protocol.UDP;
        if (protocol != Protocol.DEFAULT && protocol != implied) {
            throw new InetException(Posix.EPROTONOSUPPORT, "a " + type + " socket speaks " + implied, null);
        }
        return implied;
    }

    static ProtocolFamily family(Domain domain) {
        return switch (domain) {
            case INET -> StandardProtocolFamily.INET;
            case INET6 -> StandardProtocolFamily.INET6;
            case LOCAL -> StandardProtocolFamily.UNIX;
        };
    }

    /** {@code socket:bind(Socket, Addr)}. */
    public static void bind(SocketCore s, SockAddr address) throws InetException {
        SocketAddress a = Addresses.toJdk(s.domain, address);
        SelectableChannel ch = s.channel();
        try {
            switch (ch) {
                case SocketChannel c -> {
                    if (s.domain != Domain.LOCAL) {
                        // held until listen, so its ServerSocketChannel may bind the same port (see listen)
                        c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    }
                    c.bind(a);
                }
                case DatagramChannel d -> d.bind(a);
                case ServerSocketChannel l -> throw new InetException(Posix.EINVAL, "the socket already listens", null);
                default -> throw new IllegalStateException(ch.toString());
            }
        } catch (IOException | IllegalStateException e) {
            throw Errors.of(e, address.toString());
        }
    }

    /**
     * {@code socket:listen(Socket, Backlog)}. The kernel turns a bound socket into a listening one; the
     * JDK cannot, so the bound {@code SocketChannel} gives way to a {@code ServerSocketChannel} on the
     * same address: for inet both hold SO_REUSEADDR during the hand-over (Linux lets two sockets that
     * set it bind one port while neither listens), for local the path is unlinked and bound again.
     */
    public static void listen(SocketCore s, int backlog) throws InetException {
        if (backlog < 0) {
            throw new IllegalArgumentException("A backlog is 0 or more, not " + backlog + ".");
        }
        SelectableChannel ch = s.channel();
        if (ch instanceof ServerSocketChannel) {
            return;
        }
        if (!(ch instanceof SocketChannel old)) {
            throw Errors.enotsup("a dgram socket does not listen");
        }
        if (old.isConnected() || old.isConnectionPending()) {
            throw new InetException(Posix.EINVAL, "a connected socket cannot listen", null);
        }
        ServerSocketChannel srv = null;
        try {
            srv = ServerSocketChannel.open(family(s.domain));
            SocketAddress local = old.getLocalAddress();
            s.options.reapply(srv);
            if (s.domain == Domain.LOCAL) {
                if (local instanceof UnixDomainSocketAddress u) {
                    old.close();
                    Files.deleteIfExists(u.getPath());
                }
                srv.bind(local, backlog);
            } else {
                srv.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                srv.bind(local != null ? local : new InetSocketAddress(s.domain == Domain.INET
                        ? SockAddr.In.ANY : SockAddr.In6.ANY, 0), backlog);
                old.close();
                srv.setOption(StandardSocketOptions.SO_REUSEADDR, s.options.reuseaddr());
            }
            s.replaceChannel(srv);
        } catch (IOException e) {
            close(srv);
            throw Errors.of(e);
        }
    }

    /** {@code socket:bind(Socket, any | loopback)}: the address, port 0, of the socket's domain. */
    public static SockAddr wildcard(SocketCore s, boolean loopback) throws InetException {
        Domain d = OptionTable.get(s, SockOpt.SOCKET_DOMAIN);
        return switch (d) {
            case INET -> loopback ? SockAddr.In.loopback(0) : SockAddr.In.any(0);
            case INET6 -> loopback ? SockAddr.In6.loopback(0) : SockAddr.In6.any(0);
            case LOCAL -> throw new IllegalArgumentException("A local socket binds to a path, not to any or loopback.");
        };
    }

    /** {@code socket:accept(Socket, Timeout)}: the caller owns the new socket. */
    public static SocketCore accept(SocketCore s, long timeoutMillis) throws InetException {
        ServerSocketChannel srv = listening(s);
        Deadline deadline = Calls.deadline(timeoutMillis);
        SocketChannel c = Calls.await(s, SelectionKey.OP_ACCEPT, "accept", "acc", deadline, srv::accept);
        return adopt(s, c);
    }

    /** {@code socket:accept(Socket, nowait)}: the caller owns the new socket. */
    public static Nowait<Socket> acceptNowait(SocketCore s) throws InetException {
        ServerSocketChannel srv = listening(s);
        Nowait<SocketChannel> r = Calls.nowait(s, SelectionKey.OP_ACCEPT, "accept", "acc", srv::accept,
                () -> dev.otpnet.inet.Bytes.EMPTY);
        return switch (r) {
            case Nowait.Ok<SocketChannel>(SocketChannel c) -> new Nowait.Ok<>(adopt(s, c).socket());
            case Nowait.Selected<SocketChannel>(var info, var bytes) -> new Nowait.Selected<>(info, bytes);
        };
    }

    private static ServerSocketChannel listening(SocketCore s) throws InetException {
        return switch (s.channel()) {
            case ServerSocketChannel srv -> srv;
            case DatagramChannel d -> throw Errors.enotsup("a dgram socket does not accept");
            default -> throw new InetException(Posix.EINVAL, "the socket does not listen", null);
        };
    }

    private static SocketCore adopt(SocketCore listener, SocketChannel c) throws InetException {
        try {
            SocketCore core = new SocketCore(listener.domain, listener.type, listener.protocol, c,
                    ProcessCore.current()).start();
            listener.counters.inc("acc_success");
            return core;
        } catch (IOException e) {
            close(c);
            throw Errors.of(e);
        }
    }

    /** {@code socket:connect(Socket, Addr, Timeout)}. */
    public static void connect(SocketCore s, SockAddr address, long timeoutMillis) throws InetException {
        Deadline deadline = Calls.deadline(timeoutMillis);
        SocketAddress a = Addresses.toJdk(s.domain, address);
        switch (s.channel()) {
            case DatagramChannel d -> connectDgram(d, a);
            case SocketChannel c -> {
                boolean[] started = {false};
                Calls.await(s, SelectionKey.OP_CONNECT, "connect", "write", deadline, () -> {
                    if (!started[0]) {
                        started[0] = true;
                        return c.connect(a) ? Boolean.TRUE : null;
                    }
                    return c.finishConnect() ? Boolean.TRUE : null;
                });
            }
            default -> throw new InetException(Posix.EINVAL, "a listening socket does not connect", null);
        }
    }

    /** {@code socket:connect(Socket, Addr, nowait)}: then {@link #finishConnect} after the select message. */
    public static Nowait<Boolean> connectNowait(SocketCore s, SockAddr address) throws InetException {
        SocketAddress a = Addresses.toJdk(s.domain, address);
        return switch (s.channel()) {
            case DatagramChannel d -> {
                connectDgram(d, a);
                yield new Nowait.Ok<>(Boolean.TRUE);
            }
            case SocketChannel c -> Calls.nowait(s, SelectionKey.OP_CONNECT, "connect", "write",
                    () -> c.connect(a) ? Boolean.TRUE : null, () -> dev.otpnet.inet.Bytes.EMPTY);
            default -> throw new InetException(Posix.EINVAL, "a listening socket does not connect", null);
        };
    }

    /** {@code socket:connect(Socket)}: completes a {@code nowait} connect once its select message came. */
    public static void finishConnect(SocketCore s) throws InetException {
        if (!(s.channel() instanceof SocketChannel c)) {
            throw new InetException(Posix.EINVAL, "only a stream socket finishes a connect", null);
        }
        if (c.isConnected()) {
            return;
        }
        if (!c.isConnectionPending()) {
            throw new InetException(Posix.EINVAL, "no connect was started", null);
        }
        try {
            if (!c.finishConnect()) {
                throw new InetException(Posix.EALREADY, "the connect is still in progress; wait for its select message",
                        null);
            }
        } catch (IOException e) {
            throw Errors.of(e);
        }
    }

    private static void connectDgram(DatagramChannel d, SocketAddress a) throws InetException {
        try {
            d.connect(a);
        } catch (IOException | IllegalStateException e) {
            throw Errors.of(e);
        }
    }

    static void close(SelectableChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do about a failed close of a channel nobody saw
            }
        }
    }
}
