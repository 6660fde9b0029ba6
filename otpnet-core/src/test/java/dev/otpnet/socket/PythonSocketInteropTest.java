package dev.otpnet.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our sockets against Python's {@code socket} module: UDP both ways, truncation, broadcast, multicast, local streams. */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PythonSocketInteropTest {

    private static Domain domain(String family) {
        if (family.equals("inet6")) {
            Assumptions.assumeTrue(Kind.hasIpv6Loopback(), "this machine has no ::1");
            return Domain.INET6;
        }
        return Domain.INET;
    }

    private static SockAddr loopback(Domain d, int port) {
        return d == Domain.INET ? SockAddr.In.loopback(port) : SockAddr.In6.loopback(port);
    }

    private static int port(Socket s) throws InetException {
        return switch (Sockets.sockname(s)) {
            case SockAddr.In in -> in.port();
            case SockAddr.In6 in6 -> in6.port();
            case SockAddr.Local l -> throw new AssertionError(l);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"inet", "inet6"})
    void datagramsToPythonAndBackAndPythonCutsOurs(String family) throws Exception {
        Domain d = domain(family);
        try (PythonPeer py = PythonPeer.start("udp_echo", family)) {
            SockAddr peer = loopback(d, py.port());
            Socket s = Sockets.open(d, Type.DGRAM);
            Sockets.bindLoopback(s);
            Sockets.sendto(s, Bytes.latin1("hi"), peer);
            Received r = Sockets.recvfrom(s, 0, 20_000);
            assertEquals(Bytes.latin1("py:hi"), r.data());
            assertEquals(peer, r.source());
            Sockets.sendto(s, Bytes.latin1("again"), peer);
            assertEquals(Bytes.latin1("py:a"), Sockets.recv(s, 4, 20_000), "we cut Python's datagram to 4 bytes");
            Sockets.sendto(s, Bytes.latin1("truncated"), peer);
            py.expect("cut trun");
            py.expectOk();
            Sockets.close(s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inet", "inet6"})
    void pythonSendsUsDatagrams(String family) throws Exception {
        Domain d = domain(family);
        Socket s = Sockets.open(d, Type.DGRAM);
        Sockets.bindLoopback(s);
        try (PythonPeer py = PythonPeer.start("udp_send", family, String.valueOf(port(s)))) {
            Received a = Sockets.recvfrom(s, 0, 20_000);
            assertEquals(Bytes.latin1("alpha"), a.data());
            assertEquals(Bytes.latin1("be"), Sockets.recvfrom(s, 2, 20_000).data());
            Sockets.setopt(s, SockOpt.OTP_RCVBUF, 65_535);
            assertEquals(Bytes.latin1("q".repeat(9000)), Sockets.recv(s, 0, 20_000));
            Sockets.sendto(s, Bytes.latin1("got them"), a.source());
            py.expect("reply got them");
            py.expectOk();
        }
        Sockets.close(s);
    }

    @Test
    void broadcastBothWays() throws Exception {
        Socket rx = Sockets.open(Domain.INET, Type.DGRAM);
        Sockets.bind(rx, SockAddr.In.any(0));
        try (PythonPeer py = PythonPeer.start("broadcast_tx", String.valueOf(port(rx)))) {
            String line = py.expect("");
            Assumptions.assumeTrue(line.equals("sent"), "this machine cannot send to 255.255.255.255: " + line);
            assertEquals(Bytes.latin1("py-bcast"), Sockets.recv(rx, 0, 20_000));
            py.expectOk();
        }
        Sockets.close(rx);
        try (PythonPeer py = PythonPeer.start("broadcast_rx")) {
            int port = py.port();
            Socket tx = Sockets.open(Domain.INET, Type.DGRAM);
            Sockets.setopt(tx, SockOpt.SOCKET_BROADCAST, true);
            Sockets.sendto(tx, Bytes.latin1("our-bcast"), SockAddr.In.of("255.255.255.255", port));
            py.expect("got our-bcast");
            py.expectOk();
            Sockets.close(tx);
        }
    }

    @Test
    void multicastOnLoopbackBothWays() throws Exception {
        String groupName = "239.255.77.2";
        Inet4Address group = (Inet4Address) InetAddress.getByName(groupName);
        Socket rx = Sockets.open(Domain.INET, Type.DGRAM);
        Sockets.setopt(rx, SockOpt.SOCKET_REUSEADDR, true);
        Sockets.bind(rx, SockAddr.In.any(0));
        try {
            Sockets.setopt(rx, SockOpt.IP_ADD_MEMBERSHIP, new IpMreq(group, SockAddr.In.LOOPBACK));
        } catch (InetException e) {
            Assumptions.abort("loopback takes no multicast members here: " + e.getMessage());
        }
        try (PythonPeer py = PythonPeer.start("multicast_tx", groupName, String.valueOf(port(rx)))) {
            assertEquals(Bytes.latin1("py-mcast"), Sockets.recv(rx, 0, 20_000));
            py.expectOk();
        }
        Sockets.close(rx);
        try (PythonPeer py = PythonPeer.start("multicast_rx", groupName)) {
            int port = py.port();
            Socket tx = Sockets.open(Domain.INET, Type.DGRAM);
            Sockets.setopt(tx, SockOpt.IP_MULTICAST_IF, SockAddr.In.LOOPBACK);
            Sockets.setopt(tx, SockOpt.IP_MULTICAST_LOOP, true);
            Sockets.sendto(tx, Bytes.latin1("our-mcast"), new SockAddr.In(group, port));
            py.expect("got our-mcast");
            py.expectOk();
            Sockets.close(tx);
        }
    }

    @Test
    void localStreamSocketsBothWays() throws Exception {
        Path pyPath = Kind.freshPath();
        try (PythonPeer py = PythonPeer.start("local_server", pyPath.toString())) {
            py.expect("listening");
            Socket c = Sockets.open(Domain.LOCAL, Type.STREAM);
            Sockets.connect(c, new SockAddr.Local(pyPath.toString()), 20_000);
            Sockets.send(c, Bytes.latin1("hello"));
            assertEquals(Bytes.latin1("py:hello"), Sockets.recv(c, 8, 20_000));
            Sockets.close(c);
            py.expect("end b''");
            py.expectOk();
        } finally {
            Files.deleteIfExists(pyPath);
        }
        Path ourPath = Kind.freshPath();
        Socket l = Sockets.open(Domain.LOCAL, Type.STREAM);
        Sockets.bind(l, new SockAddr.Local(ourPath.toString()));
        Sockets.listen(l);
        try (PythonPeer py = PythonPeer.start("local_client", ourPath.toString())) {
            Socket a = Sockets.accept(l, 20_000);
            assertEquals(Bytes.latin1("hello"), Sockets.recv(a, 5, 20_000));
            assertEquals(new SockAddr.Local(""), Sockets.peername(a), "an unnamed client, as Erlang's <<>>");
            Sockets.send(a, Bytes.latin1("us:helo"));
            py.expect("reply us:helo");
            py.expectOk();
            Sockets.close(a);
        } finally {
            Sockets.close(l);
            Files.deleteIfExists(ourPath);
        }
    }
}
