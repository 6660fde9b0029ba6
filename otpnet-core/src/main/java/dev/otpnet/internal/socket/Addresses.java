package dev.otpnet.internal.socket;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.socket.Domain;
import dev.otpnet.socket.SockAddr;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.InvalidPathException;

/** Erlang's {@code sockaddr()} to the JDK's {@link SocketAddress} and back. */
final class Addresses {
    private Addresses() {
    }

    /** {@code address} for a socket of {@code domain}: a family that does not match is {@code eafnosupport}. */
    static SocketAddress toJdk(Domain domain, SockAddr address) throws InetException {
        if (address == null) {
            throw new IllegalArgumentException("The address is null; pass a SockAddr such as SockAddr.In.loopback(0).");
        }
        if (address.family() != domain && !(domain == Domain.INET6 && address instanceof SockAddr.In)) {
            throw new InetException(Posix.EAFNOSUPPORT, "a " + domain + " socket cannot use " + address, null);
        }
        return switch (address) {
            case SockAddr.In(Inet4Address a, int port) -> new InetSocketAddress(a, port);
            case SockAddr.In6(Inet6Address a, int port) -> new InetSocketAddress(a, port);
            case SockAddr.Local l -> local(l);
        };
    }

    /** The JDK's address as Erlang's; null (unbound) is the family's {@code any}, port 0. */
    static SockAddr fromJdk(Domain domain, SocketAddress address) {
        return switch (address) {
            case null -> switch (domain) {
                case INET -> SockAddr.In.any(0);
                case INET6 -> SockAddr.In6.any(0);
                case LOCAL -> new SockAddr.Local("");
            };
            case InetSocketAddress i when i.getAddress() instanceof Inet4Address a -> new SockAddr.In(a, i.getPort());
            case InetSocketAddress i when i.getAddress() instanceof Inet6Address a ->
                    mapped(a) instanceof Inet4Address v4 && domain == Domain.INET
                            ? new SockAddr.In(v4, i.getPort()) : new SockAddr.In6(a, i.getPort());
            case UnixDomainSocketAddress u -> new SockAddr.Local(u.getPath().toString());
            default -> throw new IllegalStateException("an address of an unknown kind: " + address);
        };
    }

    private static SocketAddress local(SockAddr.Local l) throws InetException {
        if (l.path().isEmpty()) {
            throw new InetException(Posix.EINVAL, "an empty path names no local socket", null);
        }
        if (l.isAbstract()) {
            throw new InetException(Posix.ENOTSUP, "the Linux abstract namespace (a path starting with NUL) is out of"
                    + " reach: the JDK's UnixDomainSocketAddress takes a file system Path, which cannot hold NUL", null);
        }
        try {
            return UnixDomainSocketAddress.of(l.path());
        } catch (InvalidPathException e) {
            throw new InetException(Posix.EINVAL, "not a usable path: " + e.getMessage(), e);
        }
    }

    private static java.net.InetAddress mapped(Inet6Address a) {
        byte[] b = a.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return a;
            }
        }
        if (b[10] != (byte) 0xff || b[11] != (byte) 0xff) {
            return a;
        }
        try {
            return java.net.InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (java.net.UnknownHostException e) {
            return a;
        }
    }
}
