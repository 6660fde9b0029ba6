package dev.otpnet.listener;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.Posix;
import dev.otpnet.otp.ChildInfo;
import dev.otpnet.otp.Supervisor;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpSocket;
import dev.otpnet.testing.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The listener's tree, limits, suspend, resume, drain and info, over TCP on 127.0.0.1. */
class ListenerTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final List<String> started = new CopyOnWriteArrayList<>();

    static ListenerSettings local() {
        return ListenerSettings.DEFAULT.withSocketOptions(List.of(ip("127.0.0.1")));
    }

    String start(ListenerSettings s, ProtocolHandler h) throws InetException {
        String name = "test-" + SEQ.incrementAndGet();
        Listener.start(name, Transport.tcp(), s, h);
        started.add(name);
        return name;
    }

    @AfterEach
    void stopAll() {
        for (String n : started) {
            if (Listener.list().stream().anyMatch(i -> i.name().equals(n))) {
                Listener.stop(n);
            }
        }
    }

    /** Echoes what comes until the peer closes. */
    static final ProtocolHandler ECHO = conn -> {
        InetSocket s = conn.socket();
        while (true) {
            try {
                s.send((Bytes) s.recv(0));
            } catch (InetException e) {
                return;
            }
        }
    };

    static TcpSocket connect(String name) throws InetException {
        return GenTcp.connect("127.0.0.1", Listener.port(name), List.of(binary(), active(false)), 5000);
    }

    static Bytes echo(TcpSocket c, String text) throws InetException {
        c.send(Bytes.latin1(text));
        return (Bytes) c.recv(text.length(), 5000);
    }

    @Test
    void aListenerIsATreeOfConnsSupAndAcceptorsSupServingEachConnectionInItsOwnProcess() throws Exception {
        String name = start(local().withNumAcceptors(4), ECHO);
        Pid sup = Listener.info(name).pid();
        List<Object> ids = Supervisor.whichChildren(sup).stream().map(ChildInfo::id).toList();
        assertEquals(List.of("ranch_conns_sup", "ranch_acceptors_sup"), ids.stream().sorted(
                (a, b) -> a.equals("ranch_conns_sup") ? -1 : 1).toList());
        assertEquals(4, Listener.acceptors(name).size());
        try (TcpSocket c = connect(name)) {
            assertEquals(Bytes.latin1("hello"), echo(c, "hello"));
            ListenerInfo info = Listener.info(name);
            assertEquals(1, info.activeConnections());
            ListenerInfo.Conn conn = info.connections().getFirst();
            assertEquals(ListenerInfo.Stage.RUNNING, conn.stage());
            assertEquals(5, conn.bytesIn());
            assertEquals(5, conn.bytesOut());
            assertEquals("127.0.0.1:" + c.sockname().getPort(), conn.peer());
            assertTrue(Proc.isAlive(conn.pid()));
            assertEquals(List.of(conn.pid()), Listener.connections(name));
        }
        assertTrue(Listener.waitForConnections(name, WaitOp.EQ, 0, 5000));
        // Idle: each acceptor holds the permit it will give the next connection, and no more.
        Eventually.until("only the acceptors hold permits", () -> Listener.info(name).permitsInUse() == 4);
    }

    @Test
    void aHandlerThatCrashesInItsFirstLineGivesItsPermitBack() throws Exception {
        String name = start(local().withNumAcceptors(2).withMaxConnections(3), conn -> {
            throw new IllegalStateException("crash in init");
        });
        for (int i = 0; i < 20; i++) {
            try (Socket s = new Socket("127.0.0.1", Listener.port(name))) {
                assertEquals(-1, s.getInputStream().read()); // closed by the dead handler's exit
            }
        }
        Eventually.until("every connection process is gone", () -> Listener.info(name).allConnections() == 0);
        Eventually.until("only the two acceptors hold permits", () -> Listener.info(name).permitsInUse() == 2);
        assertEquals(3, Listener.info(name).maxConnections());
    }

    @Test
    void setMaxConnectionsActsOnTheNextAcceptAndNeverOnLiveConnections() throws Exception {
        String name = start(local().withNumAcceptors(3).withMaxConnections(2), ECHO);
        TcpSocket a = connect(name);
        TcpSocket b = connect(name);
        assertEquals(Bytes.latin1("a"), echo(a, "a"));
        assertEquals(Bytes.latin1("b"), echo(b, "b"));
        TcpSocket c = connect(name); // completes in the kernel's backlog, not accepted
        c.send(Bytes.latin1("c"));
        // Both permits are with live connections: no acceptor can hold one, so none can accept c.
        assertEquals(2, Listener.info(name).permitsInUse());
        assertEquals(2, Listener.info(name).activeConnections());
        Listener.setMaxConnections(name, 3);
        assertEquals(Bytes.latin1("c"), c.recv(1, 5000));
        Listener.setMaxConnections(name, 1);
        assertEquals(3, Listener.info(name).activeConnections()); // lowering touches no live connection
        assertEquals(Bytes.latin1("a2"), echo(a, "a2"));
        a.close();
        b.close();
        Eventually.until("a and b are gone", () -> Listener.info(name).activeConnections() == 1);
        TcpSocket d = connect(name);
        d.send(Bytes.latin1("d"));
        assertEquals(1, Listener.info(name).activeConnections());
        c.close();
        assertEquals(Bytes.latin1("d"), d.recv(1, 5000));
        d.close();
    }

    @Test
    void suspendClosesTheListenSocketKeepsConnectionsAndResumeListensOnTheSamePort() throws Exception {
        String name = start(local(), ECHO);
        int port = Listener.port(name);
        TcpSocket live = connect(name);
        // Live means accepted and served: a connection still in the backlog is dropped by a suspend.
        assertEquals(Bytes.latin1("first"), echo(live, "first"));
        Listener.suspend(name);
        assertEquals(ListenerInfo.Status.SUSPENDED, Listener.status(name));
        InetException refused = assertThrows(InetException.class, () -> connect(name));
        assertEquals(Posix.ECONNREFUSED, refused.reason());
        assertEquals(Bytes.latin1("still"), echo(live, "still"));
        assertTrue(Listener.acceptors(name).isEmpty());
        Listener.resume(name);
        assertEquals(port, Listener.port(name));
        assertEquals(ListenerInfo.Status.RUNNING, Listener.status(name));
        try (TcpSocket again = connect(name)) {
            assertEquals(Bytes.latin1("back"), echo(again, "back"));
        }
        live.close();
    }

    @Test
    void drainWaitsForConnectionsToEndThenEndsTheRestAtTheDeadline() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        String name = start(local().withShutdownMillis(1000), conn -> {
            handled.incrementAndGet();
            ECHO.serve(conn);
        });
        TcpSocket leaves = connect(name);
        TcpSocket lingers = connect(name);
        assertEquals(Bytes.latin1("x"), echo(leaves, "x"));
        assertEquals(Bytes.latin1("y"), echo(lingers, "y"));
        var result = new Listener.DrainResult[1];
        Thread drainer = Thread.ofVirtual().start(() -> {
            try {
                result[0] = Listener.drain(name, 3000, "drained");
            } catch (InetException e) {
                throw new AssertionError(e);
            }
        });
        Eventually.until("the drain stopped accepting", () -> Listener.status(name) == ListenerInfo.Status.DRAINING);
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", Listener.port(name)).close());
        leaves.close();
        drainer.join();
        assertEquals(new Listener.DrainResult(1, 1), result[0]);
        assertThrows(InetException.class, () -> lingers.recv(0, 5000)); // closed by the drain
        assertEquals(0, Listener.info(name).allConnections());
        assertEquals(ListenerInfo.Status.SUSPENDED, Listener.status(name));
    }

    @Test
    void waitForConnectionsComparesAsRanchDoesAndGivesUpAtTheDeadline() throws Exception {
        String name = start(local(), ECHO);
        assertTrue(Listener.waitForConnections(name, WaitOp.EQ, 0, 1000));
        assertFalse(Listener.waitForConnections(name, WaitOp.EQ, 1, 50));
        TcpSocket a = connect(name);
        assertTrue(Listener.waitForConnections(name, WaitOp.EQ, 1, 5000));
        assertTrue(Listener.waitForConnections(name, WaitOp.LE, 1, 5000));
        assertFalse(Listener.waitForConnections(name, WaitOp.LT, 1, 50));
        a.close();
        assertTrue(Listener.waitForConnections(name, WaitOp.LT, 1, 5000));
    }

    @Test
    void removeConnectionFreesTheSlotOfALongLivedConnection() throws Exception {
        String name = start(local().withNumAcceptors(1).withMaxConnections(1), conn -> {
            Listener.removeConnection(conn.listener());
            ECHO.serve(conn);
        });
        TcpSocket a = connect(name);
        assertEquals(Bytes.latin1("a"), echo(a, "a"));
        TcpSocket b = connect(name);
        assertEquals(Bytes.latin1("b"), echo(b, "b"));
        ListenerInfo info = Listener.info(name);
        assertEquals(2, info.allConnections());
        assertEquals(0, info.activeConnections());
        a.close();
        b.close();
    }

    @Test
    void anAlarmFiresWhenConnectionsReachItsThresholdThenCoolsDown() throws Exception {
        List<List<Pid>> fired = new CopyOnWriteArrayList<>();
        String name = start(local().withAlarms(List.of(new Alarm("busy", 2, 60_000,
                (listener, alarm, connsSup, conns) -> fired.add(conns)))), ECHO);
        TcpSocket a = connect(name);
        echo(a, "a");
        assertTrue(fired.isEmpty());
        TcpSocket b = connect(name);
        echo(b, "b");
        Eventually.until("the alarm fired", () -> fired.size() == 1);
        assertEquals(2, fired.getFirst().size());
        TcpSocket c = connect(name);
        echo(c, "c");
        assertEquals(1, fired.size()); // cooling down: c's arrival did not fire it again
        a.close();
        b.close();
        c.close();
    }

    @Test
    void severalListenSocketsShareThePortWithReuseport() throws Exception {
        String name = start(local().withNumListenSockets(2).withNumAcceptors(4), ECHO);
        assertEquals(2, Listener.info(name).numListenSockets());
        for (int i = 0; i < 20; i++) {
            try (TcpSocket c = connect(name)) {
                assertEquals(Bytes.latin1("r" + i), echo(c, "r" + i));
            }
        }
    }

    @Test
    void stopEndsConnectionsClosesThePortAndForgetsTheName() throws Exception {
        String name = start(local(), ECHO);
        int port = Listener.port(name);
        TcpSocket c = connect(name);
        echo(c, "z");
        Listener.stop(name);
        started.remove(name);
        assertThrows(InetException.class, () -> c.recv(0, 5000));
        assertThrows(IOException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 2000));
        assertThrows(IllegalArgumentException.class, () -> Listener.info(name));
    }

    @Test
    void aSecondListenerOnAPortInUseFailsWithEaddrinuse() throws Exception {
        String name = start(local(), ECHO);
        InetException e = assertThrows(InetException.class, () -> Listener.start("dup-" + name, Transport.tcp(),
                local().withPort(Listener.port(name)).withSocketOptions(List.of(ip("127.0.0.1"),
                        dev.otpnet.inet.Options.reuseaddr(false))), ECHO));
        assertEquals(Posix.EADDRINUSE, e.reason());
        assertThrows(InetException.class, () -> Listener.start(name, Transport.tcp(), local(), ECHO));
    }

    @Test
    void aListenerRunsUnderTheUsersOwnSupervisorWithItsChildSpec() throws Exception {
        String name = "embedded-" + SEQ.incrementAndGet();
        dev.otpnet.otp.ChildSpec spec = Listener.childSpec(name, Transport.tcp(), local(), ECHO);
        Pid userSup = Supervisor.start(dev.otpnet.otp.SupFlags.of(dev.otpnet.otp.Strategy.ONE_FOR_ONE), List.of(spec));
        try {
            try (TcpSocket c = connect(name)) {
                assertEquals(Bytes.latin1("in"), echo(c, "in"));
            }
            assertThrows(IllegalArgumentException.class, () -> Listener.stop(name));
            Supervisor.terminateChild(userSup, spec.id());
            Eventually.until("the name is forgotten", () -> Listener.list().stream().noneMatch(i -> i.name().equals(name)));
        } finally {
            Supervisor.stop(userSup);
        }
    }

    @Test
    void settingsRefuseWhatTheHandlerOwns() {
        assertThrows(IllegalArgumentException.class, () -> local().withSocketOptions(List.of(active(true))));
        assertThrows(IllegalArgumentException.class, () -> local().withNumAcceptors(0));
        assertThrows(IllegalArgumentException.class, () -> local().withMaxConnections(-1));
        assertThrows(IllegalArgumentException.class, () -> Listener.info("no-such-listener"));
    }

    static int read(InputStream in) throws IOException {
        return in.read();
    }
}
