package dev.otpnet.tcp;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.AddressFamily;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetPort;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.internal.conn.KernelOptions;
import dev.otpnet.internal.conn.PortIds;
import dev.otpnet.internal.conn.Settings;
import dev.otpnet.internal.conn.SettingsView;
import dev.otpnet.internal.conn.SocketTable;
import dev.otpnet.internal.conn.Ownership;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.internal.tcp.Acceptor;
import dev.otpnet.internal.tcp.Prepared;
import dev.otpnet.internal.wire.Failures;
import dev.otpnet.internal.wire.JdkPoller;
import dev.otpnet.process.Pid;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A listening gen_tcp socket, from {@link GenTcp#listen}. Any process may {@link #accept} on it,
 * many at once (a pool of acceptors); each accepted socket belongs to the process that accepted
 * it and inherits this socket's options. The listen socket closes when its owner exits.
 *
 * <p>Thread-safe.
 */
public final class TcpListenSocket implements InetPort {
    private final long id = PortIds.next();
    private final ServerSocketChannel server;
    private final StandardProtocolFamily family;
    private final Acceptor acceptor;
    private volatile Settings settings;
    /** Kernel options to give every accepted socket, by name; later settings replace earlier. */
    private final Map<OptionName, Option> inherited = new LinkedHashMap<>();
    private final Ownership ownership;

    TcpListenSocket(int port, List<? extends Option> options) throws InetException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        Prepared p = Prepared.of(options);
        JdkPoller.ensureStarted();
        InetAddress ip = p.ip() != null ? p.ip() : Prepared.wildcard(p.family());
        int bindPort = port != 0 ? port : p.port();
        family = p.family() == AddressFamily.INET6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        try {
            server = ServerSocketChannel.open(family);
        } catch (IOException e) {
            throw Failures.toInet(e);
        }
        try {
            for (Option o : p.kernel()) {
                applyToServer(o);
                inherited.put(o.name(), o);
            }
            server.bind(new InetSocketAddress(ip, bindPort), Math.max(p.backlog(), 1));
        } catch (IOException e) {
            closeQuietly();
            throw Failures.toInet(e, ip.getHostAddress() + ":" + bindPort);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        settings = p.settings();
        try {
            acceptor = new Acceptor(server, this::close);
        } catch (InetException e) {
            closeQuietly();
            throw e;
        }
        ownership = new Ownership(ProcessCore.current(), this::close);
        ownership.attach();
        SocketTable.add(this);
    }


    private void applyToServer(Option o) throws InetException {
        switch (o.name()) {
            case REUSEADDR, REUSEPORT, RECBUF -> KernelOptions.apply(server, o);
            default -> { }
        }
    }

    /** accept/1: waits as long as it takes. */
    public TcpSocket accept() throws InetException {
        return accept(dev.otpnet.inet.Inet.INFINITY);
    }

    /** accept/2: the next connection, owned by the caller; {@code timeout} or {@code closed}. */
    public TcpSocket accept(long timeoutMillis) throws InetException {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("accept timeout must be >= 0 or infinity, got " + timeoutMillis);
        }
        SocketChannel ch = acceptor.accept(timeoutMillis);
        try {
            List<Option> kernel;
            synchronized (inherited) {
                kernel = new ArrayList<>(inherited.values());
            }
            for (Option o : kernel) {
                KernelOptions.apply(ch, o);
            }
        } catch (InetException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw e;
        }
        return TcpSocket.open(ch, settings.forAccepted(), ProcessCore.current());
    }

    @Override
    public void close() {
        if (!server.isOpen()) {
            return;
        }
        SocketTable.remove(this);
        ownership.release();
        acceptor.close();
    }

    private void closeQuietly() {
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    @Override
    public boolean isOpen() {
        return server.isOpen();
    }

    @Override
    public void controllingProcess(Pid pid) throws InetException {
        if (!server.isOpen()) {
            throw new InetException(InetError.CLOSED);
        }
        ownership.transfer(pid, (from, to) -> { });
    }

    @Override
    public Pid owner() {
        return ownership.pid();
    }

    /**
     * Changes the options accepted sockets will inherit (and the listen socket's own kernel
     * options). As in gen_tcp: on a closed socket {@code einval}; an {@code {active, N}} out of
     * range or overflowing the count is {@code einval}; a count brought to 0 sends
     * {@code Passive(this)} to the owner.
     */
    @Override
    public void setopts(List<? extends Option> options) throws InetException {
        if (!server.isOpen()) {
            throw closedEinval();
        }
        synchronized (inherited) {
            Prepared p = Prepared.forSetopts(settings, options);
            for (Option o : p.kernel()) {
                applyToServer(o);
            }
            for (Option o : p.kernel()) {
                inherited.put(o.name(), o);
            }
            settings = p.settings();
            if (options.stream().anyMatch(o -> o instanceof Option.Active a && a.mode() == ActiveMode.N)
                    && !settings.isActive()) {
                ownership.owner().deliver(new SocketMessage.Passive(this));
            }
        }
    }

    /**
     * {@code inet:getopts/2}. Kernel options the listen channel cannot report itself (sndbuf,
     * nodelay, keepalive, linger, tos) are what the kernel reports for a fresh socket given this
     * listen socket's value, which is what an accepted socket starts with (a socket is opened for
     * the moment of the question, so out of file descriptors this is {@code emfile});
     * {@code einval} on a closed socket.
     */
    @Override
    public List<Option> getopts(List<OptionName> names) throws InetException {
        if (!server.isOpen()) {
            throw closedEinval();
        }
        List<Option> out = new ArrayList<>();
        for (OptionName n : names) {
            KernelOptions.requireSupported(n);
            switch (n.support()) {
                case JDK -> out.add(switch (n) {
                    case REUSEADDR, REUSEPORT, RECBUF -> KernelOptions.read(server, n);
                    default -> readAsAccepted(n);
                });
                default -> out.add(SettingsView.read(settings, n));
            }
        }
        return out;
    }

    /** Erlang's answer for a closed port: setopts and getopts say einval, not closed. */
    private static InetException closedEinval() {
        return new InetException(Posix.EINVAL, "the socket is closed", null);
    }

    /** The kernel's value of {@code n} on a fresh socket given what accepted sockets inherit. */
    private Option readAsAccepted(OptionName n) throws InetException {
        Option given;
        synchronized (inherited) {
            given = inherited.get(n);
        }
        try (SocketChannel probe = SocketChannel.open(family)) {
            if (given != null) {
                KernelOptions.apply(probe, given);
            }
            return KernelOptions.read(probe, n);
        } catch (IOException e) {
            throw Failures.toInet(e, "reading " + n);
        }
    }

    @Override
    public InetSocketAddress sockname() throws InetException {
        try {
            return (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            throw Failures.toInet(e);
        }
    }

    @Override
    public String transport() {
        return "tcp";
    }

    @Override
    public String toString() {
        return PortIds.format(id);
    }
}
