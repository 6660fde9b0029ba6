package dev.otpnet.socket;

import dev.otpnet.inet.InetException;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The stream transports every stream test runs over: TCP on 127.0.0.1, TCP on ::1, local sockets. */
enum Kind {
    TCP4(Domain.INET),
    TCP6(Domain.INET6),
    LOCAL(Domain.LOCAL);

    final Domain domain;

    Kind(Domain domain) {
        this.domain = domain;
    }

    /** Skips the test when this machine has no ::1. */
    void assumeAvailable() {
        if (this == TCP6) {
            Assumptions.assumeTrue(hasIpv6Loopback(), "this machine has no IPv6 loopback (::1)");
        }
    }

    static boolean hasIpv6Loopback() {
        try {
            NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
            return Sockets.isSupported("ipv6") && lo != null
                    && lo.inetAddresses().anyMatch(a -> a instanceof Inet6Address && a.isLoopbackAddress());
        } catch (IOException e) {
            return false;
        }
    }

    /** An address to bind a listener to: loopback port 0, or a fresh path. */
    SockAddr listenAddress() {
        return switch (this) {
            case TCP4 -> SockAddr.In.loopback(0);
            case TCP6 -> SockAddr.In6.loopback(0);
            case LOCAL -> new SockAddr.Local(freshPath().toString());
        };
    }

    static Path freshPath() {
        try {
            Path dir = Files.createTempDirectory("otpnet-sock");
            dir.toFile().deleteOnExit();
            Path p = dir.resolve("s.sock");
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Socket open() throws InetException {
        return Sockets.open(domain, Type.STREAM);
    }

    /** A listener, a connected client and the accepted server end, all owned by the caller. */
    record Pair(Socket listener, Socket client, Socket server) implements AutoCloseable {
        @Override
        public void close() {
            for (Socket s : new Socket[] {client, server, listener}) {
                try {
                    Sockets.close(s);
                } catch (InetException ignored) {
                    // closed by the test already
                }
            }
        }
    }

    Pair pair() throws InetException {
        assumeAvailable();
        Socket l = open();
        Sockets.bind(l, listenAddress());
        Sockets.listen(l);
        Socket c = open();
        Sockets.connect(c, Sockets.sockname(l), 10_000);
        Socket a = Sockets.accept(l, 10_000);
        return new Pair(l, c, a);
    }
}
