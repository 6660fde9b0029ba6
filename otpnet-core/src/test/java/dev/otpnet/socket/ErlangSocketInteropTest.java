package dev.otpnet.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.otpnet.inet.Bytes;
import dev.otpnet.testing.ErlangPeer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our sockets against Erlang/OTP's own {@code gen_udp} and {@code socket} module (erlang/socket_peer.escript),
 * both directions, over IPv4 and IPv6, and over local stream sockets.
 */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ErlangSocketInteropTest {

    private static Domain domain(String family) {
        if (family.equals("inet6")) {
            org.junit.jupiter.api.Assumptions.assumeTrue(Kind.hasIpv6Loopback(), "this machine has no ::1");
            return Domain.INET6;
        }
        return Domain.INET;
    }

    private static SockAddr loopback(Domain d, int port) {
        return d == Domain.INET ? SockAddr.In.loopback(port) : SockAddr.In6.loopback(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inet", "inet6"})
    void weSendDatagramsToGenUdpAndReceiveItsAnswers(String family) throws Exception {
        Domain d = domain(family);
        try (ErlangPeer erl = ErlangPeer.start("socket_peer.escript", "gen_udp_echo", family)) {
            SockAddr peer = loopback(d, erl.port());
            Socket s = Sockets.open(d, Type.DGRAM, Protocol.UDP);
            Sockets.bindLoopback(s);
            Sockets.sendto(s, Bytes.latin1("first"), peer);
            Received r = Sockets.recvfrom(s, 0, 20_000);
            assertEquals(Bytes.latin1("echo:first"), r.data());
            assertEquals(peer, r.source());
            Sockets.sendto(s, Bytes.latin1("second"), peer);
            assertEquals(Bytes.latin1("echo:s"), Sockets.recvfrom(s, 6, 20_000).data(), "cut to 6 bytes");
            Bytes big = Bytes.wrap(new byte[30_000]);
            Sockets.sendto(s, big, peer);
            erl.expect("got 30000 bytes");
            Sockets.setopt(s, SockOpt.OTP_RCVBUF, 65_535);
            assertEquals(30_005, Sockets.recv(s, 0, 20_000).size());
            erl.expectOk();
            Sockets.close(s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inet", "inet6"})
    void genUdpSendsToUsAndWeAnswer(String family) throws Exception {
        Domain d = domain(family);
        Socket s = Sockets.open(d, Type.DGRAM);
        Sockets.bindLoopback(s);
        int port = switch (Sockets.sockname(s)) {
            case SockAddr.In in -> in.port();
            case SockAddr.In6 in6 -> in6.port();
            case SockAddr.Local l -> throw new AssertionError(l);
        };
        try (ErlangPeer erl = ErlangPeer.start("socket_peer.escript", "gen_udp_send", family, String.valueOf(port))) {
            Received one = Sockets.recvfrom(s, 0, 20_000);
            assertEquals(Bytes.latin1("one"), one.data());
            assertEquals(Bytes.latin1("tw"), Sockets.recv(s, 2, 20_000));
            assertEquals(8192, Sockets.recv(s, 0, 20_000).size(), "a 20000-byte datagram read with length 0");
            Sockets.sendto(s, Bytes.latin1("thanks"), one.source());
            erl.expect("reply thanks");
            erl.expectOk();
        }
        Sockets.close(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inet", "inet6"})
    void weConnectToAnErlangSocketModuleServer(String family) throws Exception {
        Domain d = domain(family);
        try (ErlangPeer erl = ErlangPeer.start("socket_peer.escript", "socket_tcp_server", family)) {
            Socket c = Sockets.open(d, Type.STREAM, Protocol.TCP);
            Sockets.connect(c, loopback(d, erl.port()), 20_000);
            Sockets.send(c, Bytes.latin1("hello"));
            assertEquals(Bytes.latin1("erl:hello"), Sockets.recv(c, 9, 20_000));
            erl.expect("got hello");
            Sockets.shutdown(c, dev.otpnet.inet.ShutdownHow.WRITE);
            erl.expect("end {error,closed}");
            erl.expectOk();
            Sockets.close(c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inet", "inet6"})
    void anErlangSocketModuleClientConnectsToUs(String family) throws Exception {
        Domain d = domain(family);
        Socket l = Sockets.open(d, Type.STREAM);
        Sockets.bindLoopback(l);
        Sockets.listen(l);
        int port = d == Domain.INET ? ((SockAddr.In) Sockets.sockname(l)).port()
                : ((SockAddr.In6) Sockets.sockname(l)).port();
        try (ErlangPeer erl = ErlangPeer.start("socket_peer.escript", "socket_tcp_client", family,
                String.valueOf(port))) {
            Socket a = Sockets.accept(l, 20_000);
            assertEquals(Bytes.latin1("hello"), Sockets.recv(a, 5, 20_000));
            Sockets.send(a, Bytes.latin1("us:hello"));
            erl.expect("reply us:hello");
            erl.expectOk();
            assertEquals(dev.otpnet.inet.InetError.CLOSED, org.junit.jupiter.api.Assertions.assertThrows(
                    dev.otpnet.inet.InetException.class, () -> Sockets.recv(a, 0, 20_000)).reason());
            Sockets.close(a);
        }
        Sockets.close(l);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inet", "inet6"})
    void datagramsBothWaysWithTheErlangSocketModule(String family) throws Exception {
        Domain d = domain(family);
        Socket s = Sockets.open(d, Type.DGRAM);
        Sockets.bindLoopback(s);
        try (ErlangPeer erl = ErlangPeer.start("socket_peer.escript", "socket_udp_server", family)) {
            SockAddr peer = loopback(d, erl.port());
            Sockets.sendto(s, Bytes.latin1("truncated"), peer);
            erl.expect("cut tru");
            Sockets.sendto(s, Bytes.latin1("whole"), peer);
            erl.expect("whole whole");
            assertEquals(Bytes.latin1("erl:tru,whole"), Sockets.recv(s, 0, 20_000));
            erl.expectOk();
        }
        int port = d == Domain.INET ? ((SockAddr.In) Sockets.sockname(s)).port()
                : ((SockAddr.In6) Sockets.sockname(s)).port();
        try (ErlangPeer erl = ErlangPeer.start("socket_peer.escript", "socket_udp_client", family,
                String.valueOf(port))) {
            Received ping = Sockets.recvfrom(s, 0, 20_000);
            assertEquals(Bytes.latin1("ping"), ping.data());
            Sockets.sendto(s, Bytes.latin1("pong"), ping.source());
            erl.expect("reply pong");
            erl.expectOk();
        }
        Sockets.close(s);
    }

    @Test
    void localStreamSocketsBothWays() throws Exception {
        Path serverPath = Kind.freshPath();
        try (ErlangPeer erl = ErlangPeer.start("socket_peer.escript", "local_server", serverPath.toString())) {
            erl.expect("listening");
            Socket c = Sockets.open(Domain.LOCAL, Type.STREAM);
            Sockets.connect(c, new SockAddr.Local(serverPath.toString()), 20_000);
            Sockets.send(c, Bytes.latin1("hello"));
            assertEquals(Bytes.latin1("erl:hello"), Sockets.recv(c, 9, 20_000));
            Sockets.close(c);
            erl.expect("end {error,closed}");
            erl.expectOk();
        }
        Path ourPath = Kind.freshPath();
        Socket l = Sockets.open(Domain.LOCAL, Type.STREAM);
        Sockets.bind(l, new SockAddr.Local(ourPath.toString()));
        Sockets.listen(l);
        try (ErlangPeer erl = ErlangPeer.start("socket_peer.escript", "local_client", ourPath.toString())) {
            Socket a = Sockets.accept(l, 20_000);
            assertEquals(Bytes.latin1("hello"), Sockets.recv(a, 5, 20_000));
            Sockets.send(a, Bytes.latin1("us:hello"));
            erl.expect("reply us:hello");
            erl.expectOk();
            Sockets.close(a);
        } finally {
            Sockets.close(l);
            java.nio.file.Files.deleteIfExists(ourPath);
        }
    }
}
