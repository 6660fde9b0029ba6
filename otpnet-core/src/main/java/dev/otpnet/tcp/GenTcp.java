package dev.otpnet.tcp;

import dev.otpnet.inet.AddressFamily;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.Inet;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetPort;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.ShutdownHow;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.internal.tcp.Prepared;
import dev.otpnet.internal.time.Deadline;
import dev.otpnet.internal.wire.JdkPoller;
import dev.otpnet.internal.wire.Failures;
import dev.otpnet.process.Pid;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * Erlang's {@code gen_tcp}, line for line:
 *
 * <pre>{@code
 * // {ok, LSock} = gen_tcp:listen(5678, [binary, {packet, 0}, {active, false}]),
 * TcpListenSocket lsock = GenTcp.listen(5678, List.of(binary(), packet(0), active(false)));
 * // {ok, Sock} = gen_tcp:accept(LSock),
 * TcpSocket sock = GenTcp.accept(lsock);
 * // {ok, Bin} = gen_tcp:recv(Sock, 0),
 * Bytes bin = (Bytes) GenTcp.recv(sock, 0);
 * }</pre>
 *
 * <p>Failures are {@link InetException}s whose {@code reason()} is the atom Erlang would return
 * ({@code econnrefused}, {@code timeout}, {@code closed}...). Bad arguments (an unknown option, a
 * negative time-out) are {@link IllegalArgumentException}s. Time-outs are milliseconds, or
 * {@link Inet#INFINITY}.
 *
 * <p>The caller of {@code listen}, {@code accept} and {@code connect} becomes the socket's owner
 * (a plain Java thread is adopted as a process), and the socket closes when the owner exits.
 * Defaults are Erlang's: {@code list} mode, {@code {packet,0}}, {@code {active,true}}.
 */
public final class GenTcp {
    private GenTcp() {
    }

    /** listen/2: a listening socket on {@code port} (0 picks a free one; see {@link Inet#port}). */
    public static TcpListenSocket listen(int port, List<? extends Option> options) throws InetException {
        return new TcpListenSocket(port, options);
    }

    /** accept/1. */
    public static TcpSocket accept(TcpListenSocket listenSocket) throws InetException {
        return listenSocket.accept();
    }

    /** accept/2: {@code timeout} if no connection comes in time, {@code closed} if the listen socket closes. */
    public static TcpSocket accept(TcpListenSocket listenSocket, long timeoutMillis) throws InetException {
        return listenSocket.accept(timeoutMillis);
    }

    /** connect/3: waits as long as the kernel does. */
    public static TcpSocket connect(String host, int port, List<? extends Option> options) throws InetException {
        return connect(host, port, options, Inet.INFINITY);
    }

    /**
     * connect/4: a name is resolved in the socket's family ({@code inet} unless {@code inet6} is
     * given; an IP literal chooses its own) and each address is tried in turn until one answers
     * or the time-out, which covers all attempts, expires.
     */
    public static TcpSocket connect(String host, int port, List<? extends Option> options, long timeoutMillis)
            throws InetException {
        Prepared p = Prepared.of(options);
        List<InetAddress> addresses;
        InetAddress literal = literal(host);
        if (literal != null) {
            addresses = List.of(literal);
        } else {
            addresses = Inet.getaddrs(host, p.family());
        }
        return connect(addresses, port, p, timeoutMillis);
    }

    /** connect/4 to an address. */
    public static TcpSocket connect(InetAddress address, int port, List<? extends Option> options,
            long timeoutMillis) throws InetException {
        return connect(List.of(address), port, Prepared.of(options), timeoutMillis);
    }

    /**
     * connect/4 to the first of {@code addresses} that answers, trying each in turn (what a name
     * with several addresses does); the time-out covers all attempts.
     */
    public static TcpSocket connect(List<InetAddress> addresses, int port, List<? extends Option> options,
            long timeoutMillis) throws InetException {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("connect needs at least one address");
        }
        return connect(addresses, port, Prepared.of(options), timeoutMillis);
    }

    private static TcpSocket connect(List<InetAddress> addresses, int port, Prepared p, long timeoutMillis)
            throws InetException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("connect timeout must be >= 0 or infinity, got " + timeoutMillis);
        }
        JdkPoller.ensureStarted();
        Deadline deadline = Deadline.after(timeoutMillis);
        InetException last = new InetException(InetError.NXDOMAIN);
        for (InetAddress address : addresses) {
            // java.net's connect takes 0 as "no time-out".
            long left = deadline.isInfinite() ? 0 : deadline.remainingMillis();
            if (deadline.expired()) {
                throw new InetException(InetError.TIMEOUT);
            }
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open(address instanceof Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                p.applyKernel(ch);
                if (p.ip() != null || p.port() != 0) {
                    ch.bind(new InetSocketAddress(p.ip() != null ? p.ip() : Prepared.wildcard(address instanceof Inet6Address ? AddressFamily.INET6 : AddressFamily.INET), p.port()));
                }
                ch.socket().connect(new InetSocketAddress(address, port), (int) Math.min(left, Integer.MAX_VALUE));
                return TcpSocket.open(ch, p.settings(), ProcessCore.current());
            } catch (IOException | RuntimeException e) {
                closeQuietly(ch);
                if (e instanceof IllegalArgumentException iae) {
                    throw iae;
                }
                last = Failures.toInet(e, Inet.ntoa(address) + ":" + port);
                if (last.reason() == InetError.TIMEOUT) {
                    throw last;
                }
            }
        }
        throw last;
    }


    private static InetAddress literal(String host) {
        try {
            return InetAddress.ofLiteral(host);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // failing already
            }
        }
    }

    /** send/2. */
    public static void send(InetSocket socket, Bytes data) throws InetException {
        socket.send(data);
    }

    /** send/2 with a byte array. */
    public static void send(InetSocket socket, byte[] data) throws InetException {
        socket.send(data);
    }

    /** send/2 with a byte list (each char 0..255). */
    public static void send(InetSocket socket, String data) throws InetException {
        socket.send(data);
    }

    /** recv/2. */
    public static Object recv(InetSocket socket, int length) throws InetException {
        return socket.recv(length);
    }

    /** recv/3. */
    public static Object recv(InetSocket socket, int length, long timeoutMillis) throws InetException {
        return socket.recv(length, timeoutMillis);
    }

    /** close/1. */
    public static void close(InetPort socket) {
        socket.close();
    }

    /** shutdown/2. */
    public static void shutdown(InetSocket socket, ShutdownHow how) throws InetException {
        socket.shutdown(how);
    }

    /** controlling_process/2. */
    public static void controllingProcess(InetPort socket, Pid pid) throws InetException {
        socket.controllingProcess(pid);
    }
}
