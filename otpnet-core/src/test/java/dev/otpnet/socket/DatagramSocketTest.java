package dev.otpnet.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.ShutdownHow;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** UDP over IPv4 and IPv6: one datagram per call, truncation, connected sockets, broadcast, multicast. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DatagramSocketTest {

    enum Family {
        INET(Domain.INET), INET6(Domain.INET6);

        final Domain domain;

        Family(Domain domain) {
            this.domain = domain;
        }

        Socket bound() throws InetException {
            if (this == INET6) {
                Assumptions.assumeTrue(Kind.hasIpv6Loopback(), "this machine has no IPv6 loopback (::1)");
            }
            Socket s = Sockets.open(domain, Type.DGRAM, Protocol.UDP);
            Sockets.bindLoopback(s);
            return s;
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void sendtoAndRecvfromCarryOneDatagramAndItsSource(Family f) throws Exception {
        Socket a = f.bound();
        Socket b = f.bound();
        Sockets.sendto(a, Bytes.latin1("one"), Sockets.sockname(b));
        Sockets.sendto(a, Bytes.latin1("two"), Sockets.sockname(b));
        Received r = Sockets.recvfrom(b, 0, 5000);
        assertEquals(Bytes.latin1("one"), r.data());
        assertEquals(Sockets.sockname(a), r.source());
        assertEquals(Bytes.latin1("two"), Sockets.recv(b, 0, 5000), "recv returns the next datagram, not a stream");
        assertEquals(InetError.TIMEOUT, assertThrows(InetException.class, () -> Sockets.recv(b, 0, 20)).reason());
        Sockets.close(a);
        Sockets.close(b);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aLengthCutsTheDatagramAndZeroReadsUpToOtpRcvbuf(Family f) throws Exception {
        Socket a = f.bound();
        Socket b = f.bound();
        Sockets.sendto(a, Bytes.latin1("hello"), Sockets.sockname(b));
        assertEquals(Bytes.latin1("hel"), Sockets.recvfrom(b, 3, 5000).data());
        Sockets.sendto(a, Bytes.latin1("next"), Sockets.sockname(b));
        assertEquals(Bytes.latin1("next"), Sockets.recv(b, 0, 5000), "the rest of the cut datagram is gone");
        Bytes big = Bytes.wrap(new byte[20_000]);
        assertEquals(8192, Sockets.getopt(b, SockOpt.OTP_RCVBUF), "Erlang's default");
        Sockets.sendto(a, big, Sockets.sockname(b));
        assertEquals(8192, Sockets.recv(b, 0, 5000).size(), "length 0 reads {otp,rcvbuf} bytes, as Erlang");
        Sockets.setopt(b, SockOpt.OTP_RCVBUF, 65_535);
        Sockets.sendto(a, big, Sockets.sockname(b));
        assertEquals(big, Sockets.recv(b, 0, 5000));
        Sockets.close(a);
        Sockets.close(b);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aConnectedDatagramSocketSendsAndPeernameTellsWhere(Family f) throws Exception {
        Socket a = f.bound();
        Socket b = f.bound();
        assertEquals(Posix.EDESTADDRREQ, assertThrows(InetException.class,
                () -> Sockets.send(a, Bytes.latin1("x"))).reason());
        assertEquals(Posix.ENOTCONN, assertThrows(InetException.class, () -> Sockets.peername(a)).reason());
        Sockets.connect(a, Sockets.sockname(b));
        assertEquals(Sockets.sockname(b), Sockets.peername(a));
        Sockets.send(a, Bytes.latin1("via send"));
        assertEquals(Bytes.latin1("via send"), Sockets.recv(b, 0, 5000));
        Sockets.close(a);
        Sockets.close(b);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void tooBigADatagramIsEmsgsize(Family f) throws Exception {
        Socket a = f.bound();
        Socket b = f.bound();
        assertEquals(Posix.EMSGSIZE, assertThrows(InetException.class,
                () -> Sockets.sendto(a, Bytes.wrap(new byte[70_000]), Sockets.sockname(b))).reason());
        Sockets.close(a);
        Sockets.close(b);
    }

    @Test
    void datagramSocketsDoNotListenAcceptOrShutdown() throws Exception {
        Socket a = Family.INET.bound();
        assertEquals(Posix.ENOTSUP, assertThrows(InetException.class, () -> Sockets.listen(a)).reason());
        assertEquals(Posix.ENOTSUP, assertThrows(InetException.class, () -> Sockets.accept(a, 10)).reason());
        InetException e = assertThrows(InetException.class, () -> Sockets.shutdown(a, ShutdownHow.WRITE));
        assertEquals(Posix.ENOTSUP, e.reason());
        assertTrue(e.getMessage().contains("DatagramChannel"), e.getMessage());
        assertEquals(Type.DGRAM, Sockets.getopt(a, SockOpt.SOCKET_TYPE));
        assertEquals(Protocol.UDP, Sockets.getopt(a, SockOpt.SOCKET_PROTOCOL));
        Sockets.close(a);
    }

    @Test
    void broadcastNeedsTheOption() throws Exception {
        Socket rx = Sockets.open(Domain.INET, Type.DGRAM);
        Sockets.bind(rx, SockAddr.In.any(0));
        int port = ((SockAddr.In) Sockets.sockname(rx)).port();
        Socket tx = Sockets.open(Domain.INET, Type.DGRAM);
        SockAddr all = SockAddr.In.of("255.255.255.255", port);
        assertEquals(false, Sockets.getopt(tx, SockOpt.SOCKET_BROADCAST));
        assertEquals(Posix.EACCES, assertThrows(InetException.class,
                () -> Sockets.sendto(tx, Bytes.latin1("b"), all)).reason(), "the kernel refuses without SO_BROADCAST");
        Sockets.setopt(tx, SockOpt.SOCKET_BROADCAST, true);
        assertEquals(true, Sockets.getopt(tx, SockOpt.SOCKET_BROADCAST));
        try {
            Sockets.sendto(tx, Bytes.latin1("to all"), all);
        } catch (InetException e) {
            Assumptions.abort("this machine has no route for 255.255.255.255: " + e.getMessage());
        }
        Received r = Sockets.recvfrom(rx, 0, 5000);
        assertEquals(Bytes.latin1("to all"), r.data());
        Sockets.close(tx);
        Sockets.close(rx);
    }

    @Test
    void multicastOnLoopbackReachesAMemberAndStopsAfterDrop() throws Exception {
        Inet4Address group = (Inet4Address) InetAddress.getByName("239.255.77.1");
        Inet4Address lo = SockAddr.In.LOOPBACK;
        Socket rx = Sockets.open(Domain.INET, Type.DGRAM);
        Sockets.setopt(rx, SockOpt.SOCKET_REUSEADDR, true);
        Sockets.bind(rx, SockAddr.In.any(0));
        int port = ((SockAddr.In) Sockets.sockname(rx)).port();
        IpMreq m = new IpMreq(group, lo);
        try {
            Sockets.setopt(rx, SockOpt.IP_ADD_MEMBERSHIP, m);
        } catch (InetException e) {
            Assumptions.abort("the loopback interface takes no multicast member here: " + e.getMessage());
        }
        assertEquals(Posix.EADDRINUSE, assertThrows(InetException.class,
                () -> Sockets.setopt(rx, SockOpt.IP_ADD_MEMBERSHIP, m)).reason());
        Socket tx = Sockets.open(Domain.INET, Type.DGRAM);
        Sockets.setopt(tx, SockOpt.IP_MULTICAST_IF, lo);
        assertEquals(lo, Sockets.getopt(tx, SockOpt.IP_MULTICAST_IF));
        Sockets.setopt(tx, SockOpt.IP_MULTICAST_TTL, 1);
        Sockets.setopt(tx, SockOpt.IP_MULTICAST_LOOP, true);
        try {
            Sockets.sendto(tx, Bytes.latin1("group"), new SockAddr.In(group, port));
        } catch (InetException e) {
            Assumptions.abort("this kernel routes no multicast on loopback: " + e.getMessage());
        }
        assertEquals(Bytes.latin1("group"), Sockets.recv(rx, 0, 5000));
        Sockets.setopt(rx, SockOpt.IP_DROP_MEMBERSHIP, m);
        assertEquals(Posix.EADDRNOTAVAIL, assertThrows(InetException.class,
                () -> Sockets.setopt(rx, SockOpt.IP_DROP_MEMBERSHIP, m)).reason());
        Sockets.sendto(tx, Bytes.latin1("after drop"), new SockAddr.In(group, port));
        Sockets.sendto(tx, Bytes.latin1("marker"), SockAddr.In.loopback(port));
        assertEquals(Bytes.latin1("marker"), Sockets.recv(rx, 0, 5000), "the group's datagram no longer arrives");
        Sockets.close(tx);
        Sockets.close(rx);
    }
}
