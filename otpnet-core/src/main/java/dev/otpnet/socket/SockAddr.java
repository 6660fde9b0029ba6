package dev.otpnet.socket;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A socket address, Erlang's {@code sockaddr()} map, typed by family:
 *
 * <pre>{@code
 * new SockAddr.In(SockAddr.In.LOOPBACK, 44404)     // #{family => inet, addr => loopback, port => 44404}
 * SockAddr.In.any(0)                                // #{family => inet, addr => any, port => 0}: port 0 picks one
 * new SockAddr.In6(SockAddr.In6.LOOPBACK, 8080)     // #{family => inet6, addr => {0,0,0,0,0,0,0,1}, ...}
 * new SockAddr.Local("/run/app.sock")                // #{family => local, path => <<"/run/app.sock">>}
 * }</pre>
 *
 * <p>{@code toString()} prints the Erlang map. A local path that starts with a NUL character names
 * the Linux abstract namespace; the JDK cannot bind or connect those (its Unix domain addresses are
 * file system paths), so they are refused with {@code enotsup} and that reason.
 */
public sealed interface SockAddr {

    /** The family this address belongs to. */
    Domain family();

    /** An IPv4 address and port. */
    record In(Inet4Address addr, int port) implements SockAddr {
        /** {@code any}: 0.0.0.0. */
        public static final Inet4Address ANY = v4(new byte[] {0, 0, 0, 0});
        /** {@code loopback}: 127.0.0.1. */
        public static final Inet4Address LOOPBACK = v4(new byte[] {127, 0, 0, 1});

        public In {
            Objects.requireNonNull(addr, "addr");
            checkPort(port);
        }

        public static In any(int port) {
            return new In(ANY, port);
        }

        public static In loopback(int port) {
            return new In(LOOPBACK, port);
        }

        /** From a numeric IPv4 address such as {@code "192.168.1.2"}. */
        public static In of(String address, int port) {
            if (parse(address) instanceof Inet4Address a) {
                return new In(a, port);
            }
            throw new IllegalArgumentException(address + " is not an IPv4 address.");
        }

        @Override
        public Domain family() {
            return Domain.INET;
        }

        @Override
        public String toString() {
            return "#{addr => " + tuple(addr) + ",family => inet,port => " + port + "}";
        }
    }

    /** An IPv6 address and port (the scope id is the address's own). */
    record In6(Inet6Address addr, int port) implements SockAddr {
        /** {@code any}: ::. */
        public static final Inet6Address ANY = v6(new byte[16]);
        /** {@code loopback}: ::1. */
        public static final Inet6Address LOOPBACK = v6(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

        public In6 {
            Objects.requireNonNull(addr, "addr");
            checkPort(port);
        }

        public static In6 any(int port) {
            return new In6(ANY, port);
        }

        public static In6 loopback(int port) {
            return new In6(LOOPBACK, port);
        }

        /** From a numeric IPv6 address such as {@code "::1"}. */
        public static In6 of(String address, int port) {
            if (parse(address) instanceof Inet6Address a) {
                return new In6(a, port);
            }
            throw new IllegalArgumentException(address + " is not an IPv6 address.");
        }

        @Override
        public Domain family() {
            return Domain.INET6;
        }

        @Override
        public String toString() {
            return "#{addr => " + tuple(addr) + ",family => inet6,flowinfo => 0,port => " + port
                    + ",scope_id => " + addr.getScopeId() + "}";
        }
    }

    /** A Unix domain socket's path; empty for an unnamed socket (a client that never bound). */
    record Local(String path) implements SockAddr {
        public Local {
            Objects.requireNonNull(path, "path");
        }

        /** Whether this names the Linux abstract namespace (a leading NUL), which the JDK cannot use. */
        public boolean isAbstract() {
            return !path.isEmpty() && path.charAt(0) == '\0';
        }

        @Override
        public Domain family() {
            return Domain.LOCAL;
        }

        @Override
        public String toString() {
            String shown = isAbstract() ? "<<0," + path.substring(1) + ">>" : "<<\"" + path + "\">>";
            return "#{family => local,path => " + shown + "}";
        }
    }

    /** An address as Erlang prints it: {@code {127,0,0,1}} or {@code {0,0,0,0,0,0,0,1}}. */
    static String tuple(InetAddress address) {
        byte[] b = address.getAddress();
        StringBuilder s = new StringBuilder("{");
        if (b.length == 4) {
            for (int i = 0; i < 4; i++) {
                s.append(i == 0 ? "" : ",").append(b[i] & 0xff);
            }
        } else {
            for (int i = 0; i < 16; i += 2) {
                s.append(i == 0 ? "" : ",").append(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff));
            }
        }
        return s.append('}').toString();
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("A port is 0..65535; " + port + " is not.");
        }
    }

    private static InetAddress parse(String address) {
        Objects.requireNonNull(address, "address");
        if (address.isEmpty() || !(Character.digit(address.charAt(0), 16) >= 0 || address.charAt(0) == ':')) {
            throw new IllegalArgumentException(address + " is not a numeric IP address.");
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address + " is not a numeric IP address.", e);
        }
    }

    private static Inet4Address v4(byte[] b) {
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Inet6Address v6(byte[] b) {
        try {
            return Inet6Address.getByAddress(null, b, null);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
