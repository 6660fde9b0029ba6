package dev.otpnet.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every option of the issue: set and read back through the kernel, or refused with enotsup and why. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketOptionsTest {

    private static <T> void roundTrip(Socket s, SockOpt<T> opt, T value) throws InetException {
        Sockets.setopt(s, opt, value);
        assertEquals(value, Sockets.getopt(s, opt), opt + " reads back what was set");
    }

    private static void refused(Socket s, SockOpt<?> opt, String because) {
        InetException e = assertThrows(InetException.class, () -> Sockets.getopt(s, opt));
        assertEquals(Posix.ENOTSUP, e.reason(), opt.toString());
        assertTrue(e.getMessage().contains(because), e.getMessage());
    }

    @Test
    void socketLevelOptionsOnAStreamSocket() throws Exception {
        try (Kind.Pair p = Kind.TCP4.pair()) {
            Socket s = p.client();
            assertEquals(false, Sockets.getopt(s, SockOpt.SOCKET_REUSEADDR));
            roundTrip(s, SockOpt.SOCKET_REUSEADDR, true);
            roundTrip(s, SockOpt.SOCKET_REUSEPORT, true);
            roundTrip(s, SockOpt.SOCKET_KEEPALIVE, true);
            assertEquals(new Linger(false, 0), Sockets.getopt(s, SockOpt.SOCKET_LINGER), "Erlang's default");
            roundTrip(s, SockOpt.SOCKET_LINGER, new Linger(true, 5));
            Sockets.setopt(s, SockOpt.SOCKET_RCVBUF, 65_536);
            assertTrue(Sockets.getopt(s, SockOpt.SOCKET_RCVBUF) >= 65_536, "Linux doubles it");
            Sockets.setopt(s, SockOpt.SOCKET_SNDBUF, 65_536);
            assertTrue(Sockets.getopt(s, SockOpt.SOCKET_SNDBUF) >= 65_536);
            assertEquals(Type.STREAM, Sockets.getopt(s, SockOpt.SOCKET_TYPE));
            assertEquals(Domain.INET, Sockets.getopt(s, SockOpt.SOCKET_DOMAIN));
            assertEquals(Protocol.TCP, Sockets.getopt(s, SockOpt.SOCKET_PROTOCOL));
            assertEquals(false, Sockets.getopt(s, SockOpt.SOCKET_ACCEPTCONN));
            assertEquals(true, Sockets.getopt(p.listener(), SockOpt.SOCKET_ACCEPTCONN));
            assertThrows(IllegalArgumentException.class, () -> Sockets.setopt(s, SockOpt.SOCKET_TYPE, Type.DGRAM));
            refused(s, SockOpt.SOCKET_ERROR, "SO_ERROR");
            InetException b = assertThrows(InetException.class, () -> Sockets.setopt(s, SockOpt.SOCKET_BROADCAST, true));
            assertEquals(Posix.ENOTSUP, b.reason());
            assertTrue(b.getMessage().contains("SO_BROADCAST"), b.getMessage());
        }
    }

    @Test
    void lingerZeroMakesCloseAReset() throws Exception {
        try (Kind.Pair p = Kind.TCP4.pair()) {
            Sockets.setopt(p.client(), SockOpt.SOCKET_LINGER, new Linger(true, 0));
            Sockets.close(p.client());
            InetException e = assertThrows(InetException.class, () -> Sockets.recv(p.server(), 0, 5000));
            assertEquals(Posix.ECONNRESET, e.reason());
        }
    }

    @Test
    void optionsSetBeforeListenCarryOverToTheListeningSocket() throws Exception {
        Socket l = Sockets.open(Domain.INET, Type.STREAM);
        Sockets.setopt(l, SockOpt.SOCKET_REUSEADDR, true);
        Sockets.setopt(l, SockOpt.SOCKET_RCVBUF, 100_000);
        Sockets.bindLoopback(l);
        SockAddr bound = Sockets.sockname(l);
        Sockets.listen(l);
        assertEquals(bound, Sockets.sockname(l), "listen keeps the bound address");
        assertEquals(true, Sockets.getopt(l, SockOpt.SOCKET_REUSEADDR));
        assertTrue(Sockets.getopt(l, SockOpt.SOCKET_RCVBUF) >= 100_000);
        Sockets.close(l);
        Socket again = Sockets.open(Domain.INET, Type.STREAM);
        Sockets.setopt(again, SockOpt.SOCKET_REUSEADDR, false);
        assertEquals(false, Sockets.getopt(again, SockOpt.SOCKET_REUSEADDR));
        Sockets.close(again);
    }

    @Test
    void tcpLevelOptions() throws Exception {
        try (Kind.Pair p = Kind.TCP4.pair()) {
            Socket s = p.server();
            roundTrip(s, SockOpt.TCP_NODELAY, true);
            roundTrip(s, SockOpt.TCP_NODELAY, false);
            for (SockOpt<Integer> o : List.of(SockOpt.TCP_KEEPIDLE, SockOpt.TCP_KEEPINTVL, SockOpt.TCP_KEEPCNT)) {
                if (Sockets.isSupported(o)) {
                    roundTrip(s, o, 7);
                } else {
                    assertEquals(Posix.ENOTSUP, assertThrows(InetException.class, () -> Sockets.setopt(s, o, 7)).reason());
                }
            }
            if (Sockets.isSupported(SockOpt.TCP_QUICKACK)) {
                Sockets.setopt(s, SockOpt.TCP_QUICKACK, true);
                Sockets.getopt(s, SockOpt.TCP_QUICKACK);   // the kernel may clear it again at any time
            }
            Socket udp = Sockets.open(Domain.INET, Type.DGRAM);
            assertEquals(Posix.ENOPROTOOPT, assertThrows(InetException.class,
                    () -> Sockets.getopt(udp, SockOpt.TCP_NODELAY)).reason());
            Sockets.close(udp);
        }
    }

    @Test
    void ipLevelOptions() throws Exception {
        Socket u = Sockets.open(Domain.INET, Type.DGRAM);
        roundTrip(u, SockOpt.IP_TOS, 0x10);
        assertEquals(1, Sockets.getopt(u, SockOpt.IP_MULTICAST_TTL), "Erlang's and the kernel's default");
        roundTrip(u, SockOpt.IP_MULTICAST_TTL, 4);
        assertEquals(true, Sockets.getopt(u, SockOpt.IP_MULTICAST_LOOP));
        roundTrip(u, SockOpt.IP_MULTICAST_LOOP, false);
        assertEquals(SockAddr.In.ANY, Sockets.getopt(u, SockOpt.IP_MULTICAST_IF), "0.0.0.0: the kernel chooses");
        roundTrip(u, SockOpt.IP_MULTICAST_IF, (java.net.InetAddress) SockAddr.In.LOOPBACK);
        refused(u, SockOpt.IP_TTL, "IP_TTL");
        assertEquals(Posix.ENOTSUP, assertThrows(InetException.class, () -> Sockets.setopt(u, SockOpt.IP_TTL, 9)).reason());
        assertThrows(IllegalArgumentException.class, () -> Sockets.getopt(u, SockOpt.IP_ADD_MEMBERSHIP));
        roundTrip(u, SockOpt.SOCKET_BROADCAST, true);
        Socket local = Sockets.open(Domain.LOCAL, Type.STREAM);
        assertEquals(Posix.ENOPROTOOPT, assertThrows(InetException.class,
                () -> Sockets.getopt(local, SockOpt.IP_TOS)).reason());
        Sockets.close(local);
        Sockets.close(u);
    }

    @Test
    void ipv6LevelOptions() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Kind.hasIpv6Loopback(), "this machine has no IPv6 loopback");
        Socket u = Sockets.open(Domain.INET6, Type.DGRAM);
        assertEquals(false, Sockets.getopt(u, SockOpt.IPV6_V6ONLY), "the JDK's IPv6 sockets are dual-stack");
        Sockets.setopt(u, SockOpt.IPV6_V6ONLY, false);
        InetException e = assertThrows(InetException.class, () -> Sockets.setopt(u, SockOpt.IPV6_V6ONLY, true));
        assertEquals(Posix.ENOTSUP, e.reason());
        assertTrue(e.getMessage().contains("dual-stack"), e.getMessage());
        roundTrip(u, SockOpt.IPV6_MULTICAST_HOPS, 3);
        Socket v4 = Sockets.open(Domain.INET, Type.DGRAM);
        assertEquals(Posix.ENOPROTOOPT, assertThrows(InetException.class,
                () -> Sockets.getopt(v4, SockOpt.IPV6_MULTICAST_HOPS)).reason());
        Sockets.close(v4);
        Sockets.close(u);
    }

    @Test
    void otpLevelOptions() throws Exception {
        try (Kind.Pair p = Kind.TCP4.pair()) {
            Socket s = p.server();
            assertEquals(8192, Sockets.getopt(s, SockOpt.OTP_RCVBUF));
            roundTrip(s, SockOpt.OTP_RCVBUF, 3);
            Sockets.send(p.client(), Bytes.latin1("abcdefghi"));
            assertEquals(Bytes.latin1("abc"), Sockets.recv(s, 0, 5000), "recv(S, 0) reads at most {otp,rcvbuf}");
            assertEquals(false, Sockets.getopt(s, SockOpt.OTP_DEBUG));
            java.util.logging.Logger jul = java.util.logging.Logger.getLogger("dev.otpnet.socket");
            List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.logging.Handler h = new java.util.logging.Handler() {
                @Override
                public void publish(java.util.logging.LogRecord r) {
                    logged.add(java.text.MessageFormat.format(r.getMessage(), r.getParameters()));
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            java.util.logging.Level old = jul.getLevel();
            jul.setLevel(java.util.logging.Level.FINE);
            jul.addHandler(h);
            try {
                Sockets.recv(s, 0, 5000);
                assertTrue(logged.isEmpty(), "logged without {otp,debug}: " + logged);
                roundTrip(s, SockOpt.OTP_DEBUG, true);
                Sockets.recv(s, 0, 5000);
                assertTrue(logged.stream().anyMatch(l -> l.contains(s.toString()) && l.contains("recv")), logged.toString());
            } finally {
                jul.removeHandler(h);
                jul.setLevel(old);
            }
            assertNull(Sockets.getopt(s, SockOpt.OTP_META), "undefined until set");
            roundTrip(s, SockOpt.OTP_META, Map.of("who", "test"));
            assertThrows(IllegalArgumentException.class, () -> Sockets.setopt(s, SockOpt.OTP_RCVBUF, 0));
            Sockets.setopt(s, SockOpt.Level.OTP, "recvbuf", 4096);   // the reference's form and spelling
            assertEquals(4096, Sockets.getopt(s, SockOpt.Level.OTP, "rcvbuf"));
            assertThrows(IllegalArgumentException.class, () -> Sockets.setopt(s, SockOpt.Level.OTP, "rcvbuf", "big"));
        }
    }

    @Test
    void supportedOptionsListsEveryOptionAndRefusedOnesAreFalse() {
        Map<SockOpt<?>, Boolean> all = Sockets.supportedOptions();
        assertEquals(SockOpt.ALL.size(), all.size());
        assertFalse(all.get(SockOpt.SOCKET_ERROR));
        assertFalse(all.get(SockOpt.IP_TTL));
        assertFalse(all.get(SockOpt.IPV6_V6ONLY));
        assertTrue(all.get(SockOpt.SOCKET_REUSEADDR));
        assertTrue(all.get(SockOpt.TCP_NODELAY));
        assertTrue(all.get(SockOpt.IP_ADD_MEMBERSHIP));
        assertTrue(all.get(SockOpt.OTP_META));
        assertEquals(SockOpt.SOCKET_REUSEADDR, SockOpt.of(SockOpt.Level.SOCKET, "reuseaddr"));
        assertEquals(SockOpt.OTP_RCVBUF, SockOpt.of(SockOpt.Level.OTP, "recvbuf"), "the reference's spelling");
        assertEquals("{socket,reuseaddr}", SockOpt.SOCKET_REUSEADDR.toString());
        assertThrows(IllegalArgumentException.class, () -> SockOpt.of(SockOpt.Level.SOCKET, "bogus"));
        Map<SockOpt<?>, Boolean> tcp = Sockets.supportedOptions(SockOpt.Level.TCP);
        assertEquals(java.util.Set.of(SockOpt.TCP_NODELAY, SockOpt.TCP_KEEPIDLE, SockOpt.TCP_KEEPINTVL,
                SockOpt.TCP_KEEPCNT, SockOpt.TCP_QUICKACK), tcp.keySet());
        assertTrue(Sockets.isSupported("local"));
        assertTrue(Sockets.isSupported("sendfile"));
        assertFalse(Sockets.isSupported("sctp"));
        assertFalse(Sockets.isSupported("no such feature"));
        assertEquals(Kind.hasIpv6Loopback() || Sockets.isSupported("ipv6"), Sockets.supports().get("ipv6"));
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedAtOnce() throws Exception {
        Socket s = Sockets.open(Domain.INET, Type.STREAM);
        @SuppressWarnings({"unchecked", "rawtypes"})
        SockOpt<Object> raw = (SockOpt) SockOpt.SOCKET_KEEPALIVE;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sockets.setopt(s, raw, 7));
        assertTrue(e.getMessage().contains("{socket,keepalive}"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Linger(true, -1));
        Sockets.close(s);
    }
}
