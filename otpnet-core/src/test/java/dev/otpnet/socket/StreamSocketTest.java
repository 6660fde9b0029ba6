package dev.otpnet.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.inet.ShutdownHow;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every stream call over TCP (IPv4 and IPv6) and local sockets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamSocketTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void openBindListenAcceptConnectAndTalk(Kind kind) throws Exception {
        try (Kind.Pair p = kind.pair()) {
            SockAddr listening = Sockets.sockname(p.listener());
            assertEquals(kind.domain, listening.family());
            if (listening instanceof SockAddr.In in) {
                assertTrue(in.port() > 0, "port 0 picks a port");
                assertEquals(SockAddr.In.LOOPBACK, in.addr());
            }
            if (kind != Kind.LOCAL) {
                assertEquals(Sockets.sockname(p.client()), Sockets.peername(p.server()));
                assertEquals(Sockets.sockname(p.server()), Sockets.peername(p.client()));
            } else {
                assertEquals(listening, Sockets.peername(p.client()));
            }
            Sockets.send(p.client(), Bytes.latin1("hello"));
            assertEquals(Bytes.latin1("hello"), Sockets.recv(p.server(), 5, 5000));
            Sockets.send(p.server(), "back".getBytes());
            assertEquals(Bytes.latin1("back"), Sockets.recv(p.client(), 4, 5000));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void recvZeroReturnsWhatIsThereAndRecvNWaitsForExactlyN(Kind kind) throws Exception {
        try (Kind.Pair p = kind.pair()) {
            Sockets.send(p.client(), Bytes.latin1("abc"));
            assertEquals(Bytes.latin1("abc"), Sockets.recv(p.server(), 0, 5000));
            Sockets.send(p.client(), Bytes.latin1("12"));
            dev.otpnet.process.Proc.spawn(() -> {
                try {
                    Sockets.send(p.client(), Bytes.latin1("345"));
                } catch (InetException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(Bytes.latin1("1234"), Sockets.recv(p.server(), 4, 5000));
            assertEquals(Bytes.latin1("5"), Sockets.recv(p.server(), 1, 5000));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aTimedOutRecvHandsBackWhatItReadAsErlangDoes(Kind kind) throws Exception {
        try (Kind.Pair p = kind.pair()) {
            Sockets.send(p.client(), Bytes.latin1("abc"));
            InetException e = assertThrows(InetException.class, () -> Sockets.recv(p.server(), 10, 200));
            assertEquals(new Reason.Tagged("timeout", Bytes.latin1("abc")), e.reason());
            assertEquals("{timeout," + Bytes.latin1("abc") + "}", e.reason().toString());
            InetException empty = assertThrows(InetException.class, () -> Sockets.recv(p.server(), 0, 50));
            assertEquals(InetError.TIMEOUT, empty.reason());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void thePeersCloseEndsARecvWithWhatCameBeforeIt(Kind kind) throws Exception {
        try (Kind.Pair p = kind.pair()) {
            Sockets.send(p.client(), Bytes.latin1("ab"));
            Sockets.close(p.client());
            InetException e = assertThrows(InetException.class, () -> Sockets.recv(p.server(), 10, 5000));
            assertEquals(new Reason.Tagged("closed", Bytes.latin1("ab")), e.reason());
            assertEquals(InetError.CLOSED,
                    assertThrows(InetException.class, () -> Sockets.recv(p.server(), 0, 5000)).reason());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shutdownWriteIsSeenAsTheEndOfTheStream(Kind kind) throws Exception {
        try (Kind.Pair p = kind.pair()) {
            Sockets.send(p.client(), Bytes.latin1("last"));
            Sockets.shutdown(p.client(), ShutdownHow.WRITE);
            assertEquals(Bytes.latin1("last"), Sockets.recv(p.server(), 4, 5000));
            assertEquals(InetError.CLOSED,
                    assertThrows(InetException.class, () -> Sockets.recv(p.server(), 0, 5000)).reason());
            Sockets.send(p.server(), Bytes.latin1("still"));
            assertEquals(Bytes.latin1("still"), Sockets.recv(p.client(), 5, 5000));
            Sockets.shutdown(p.client(), ShutdownHow.READ_WRITE);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBigSendArrivesWhole(Kind kind) throws Exception {
        byte[] big = new byte[4 << 20];
        new Random(7).nextBytes(big);
        try (Kind.Pair p = kind.pair()) {
            dev.otpnet.process.Proc.spawn(() -> {
                try {
                    Sockets.send(p.client(), Bytes.wrap(big));
                } catch (InetException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(Bytes.wrap(big), Sockets.recv(p.server(), big.length, 30_000));
            assertEquals((long) big.length, Sockets.info(p.server()).counters().get("read_byte"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void sendfileSendsAFileRegion(Kind kind) throws Exception {
        Path file = Files.createTempFile("otpnet-sendfile", ".bin");
        byte[] content = new byte[300_000];
        new Random(3).nextBytes(content);
        Files.write(file, content);
        try (Kind.Pair p = kind.pair(); FileChannel f = FileChannel.open(file, StandardOpenOption.READ)) {
            assertEquals(1000L, Sockets.sendfile(p.client(), f, 10, 1000));
            assertEquals(Bytes.wrap(content).slice(10, 1010), Sockets.recv(p.server(), 1000, 5000));
            dev.otpnet.process.Proc.spawn(() -> {
                try {
                    Sockets.sendfile(p.client(), f, 100, 0);   // 0: to the end of the file
                } catch (InetException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(Bytes.wrap(content).slice(100, content.length),
                    Sockets.recv(p.server(), content.length - 100, 10_000));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void acceptTimesOutAndCloseWakesABlockedAccept(Kind kind) throws Exception {
        kind.assumeAvailable();
        Socket l = kind.open();
        Sockets.bind(l, kind.listenAddress());
        Sockets.listen(l, 1);
        assertEquals(InetError.TIMEOUT, assertThrows(InetException.class, () -> Sockets.accept(l, 50)).reason());
        var result = acceptInAProcess(l);
        dev.otpnet.testing.Eventually.until("the acceptor waits", () -> Sockets.info(l).numAcceptors() == 1);
        Sockets.close(l);
        assertEquals(InetError.CLOSED, result.get(10, TimeUnit.SECONDS));
        assertEquals(InetError.CLOSED, assertThrows(InetException.class, () -> Sockets.close(l)).reason());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aListenSocketClosedWhileAnAcceptWaitsRefusesTheNextConnectAtOnce(Kind kind) throws Exception {
        kind.assumeAvailable();
        // The waiting accept has the socket registered with the socket poller's selector, where a
        // plain close leaves the kernel socket listening until the next selection.
        for (int round = 0; round < 20; round++) {
            Socket l = kind.open();
            Sockets.bind(l, kind.listenAddress());
            Sockets.listen(l, 1);
            SockAddr where = Sockets.sockname(l);
            var result = acceptInAProcess(l);
            dev.otpnet.testing.Eventually.until("the acceptor waits", () -> Sockets.info(l).numAcceptors() == 1);
            Sockets.close(l);
            Socket refused = kind.open();
            InetException e = assertThrows(InetException.class, () -> Sockets.connect(refused, where, 5000));
            assertTrue(e.reason() == Posix.ECONNREFUSED || e.reason() == Posix.ENOENT, "round " + round + ": " + e.reason());
            Sockets.close(refused);
            assertEquals(InetError.CLOSED, result.get(10, TimeUnit.SECONDS));
        }
    }

    /** An accept on {@code l} in a process of its own: completes with null, or the reason it failed. */
    private static java.util.concurrent.CompletableFuture<Reason> acceptInAProcess(Socket l) {
        var result = new java.util.concurrent.CompletableFuture<Reason>();
        dev.otpnet.process.Proc.spawn(() -> {
            try {
                Sockets.accept(l);
                result.complete(null);
            } catch (InetException e) {
                result.complete(e.reason());
            }
        });
        return result;
    }

    @Test
    void errorsAreErlangsAtoms() throws Exception {
        Socket l = Sockets.open(Domain.INET, Type.STREAM, Protocol.TCP);
        Sockets.bindLoopback(l);
        Sockets.listen(l);
        SockAddr where = Sockets.sockname(l);
        Socket other = Sockets.open(Domain.INET, Type.STREAM);
        assertEquals(Posix.EADDRINUSE, assertThrows(InetException.class, () -> Sockets.bind(other, where)).reason());
        Socket unconnected = Sockets.open(Domain.INET, Type.STREAM);
        assertEquals(Posix.EPIPE, assertThrows(InetException.class,
                () -> Sockets.send(unconnected, Bytes.latin1("x"))).reason());
        assertEquals(Posix.ENOTCONN, assertThrows(InetException.class, () -> Sockets.recv(unconnected, 0, 10)).reason());
        assertEquals(Posix.ENOTCONN, assertThrows(InetException.class, () -> Sockets.peername(unconnected)).reason());
        assertEquals(SockAddr.In.any(0), Sockets.sockname(unconnected));
        assertEquals(Posix.EINVAL, assertThrows(InetException.class, () -> Sockets.accept(unconnected, 10)).reason());
        assertEquals(Posix.EAFNOSUPPORT, assertThrows(InetException.class,
                () -> Sockets.connect(unconnected, new SockAddr.Local("/nonexistent"))).reason());
        Sockets.close(l);
        Socket refused = Sockets.open(Domain.INET, Type.STREAM);
        assertEquals(Posix.ECONNREFUSED, assertThrows(InetException.class,
                () -> Sockets.connect(refused, where, 5000)).reason());
        assertEquals(Posix.EPROTONOSUPPORT, assertThrows(InetException.class,
                () -> Sockets.open(Domain.INET, Type.DGRAM, Protocol.TCP)).reason());
        assertEquals(Posix.EPROTONOSUPPORT, assertThrows(InetException.class,
                () -> Sockets.open(Domain.INET, Type.STREAM, Protocol.UDP)).reason());
        assertEquals(Posix.ENOTSUP, assertThrows(InetException.class,
                () -> Sockets.open(Domain.LOCAL, Type.DGRAM)).reason());
        assertThrows(IllegalArgumentException.class, () -> Sockets.recv(other, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> Sockets.recv(other, 0, -5));
        for (Socket s : new Socket[] {other, unconnected, refused}) {
            Sockets.close(s);
        }
    }

    @Test
    void listenWithoutBindPicksAPortOnEveryInterface() throws Exception {
        Socket l = Sockets.open(Domain.INET, Type.STREAM);
        Sockets.listen(l);
        SockAddr.In a = assertInstanceOf(SockAddr.In.class, Sockets.sockname(l));
        assertEquals(SockAddr.In.ANY, a.addr());
        assertNotEquals(0, a.port());
        assertTrue(Sockets.getopt(l, SockOpt.SOCKET_ACCEPTCONN));
        Sockets.close(l);
    }

    @Test
    void aLocalListenerKeepsItsPathAndTheAbstractNamespaceIsRefusedWithTheReason() throws Exception {
        Path path = Kind.freshPath();
        Socket l = Sockets.open(Domain.LOCAL, Type.STREAM);
        Sockets.bind(l, new SockAddr.Local(path.toString()));
        assertEquals(new SockAddr.Local(path.toString()), Sockets.sockname(l));
        Sockets.listen(l);
        assertEquals(new SockAddr.Local(path.toString()), Sockets.sockname(l));
        assertEquals(Protocol.DEFAULT, Sockets.getopt(l, SockOpt.SOCKET_PROTOCOL));
        Socket abs = Sockets.open(Domain.LOCAL, Type.STREAM);
        assertEquals(new SockAddr.Local(""), Sockets.sockname(abs), "unbound, as Erlang's path => <<>>");
        InetException e = assertThrows(InetException.class, () -> Sockets.bind(abs, new SockAddr.Local("\0otpnet")));
        assertEquals(Posix.ENOTSUP, e.reason());
        assertTrue(e.getMessage().contains("abstract namespace"), e.getMessage());
        assertEquals(Posix.EAFNOSUPPORT, assertThrows(InetException.class,
                () -> Sockets.bind(abs, SockAddr.In.loopback(0))).reason());
        Sockets.close(abs);
        Sockets.close(l);
        Files.deleteIfExists(path);
        assertFalse(Files.exists(path));
    }
}
