package dev.otpnet.listener;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.Reason;
import dev.otpnet.otp.ChildType;
import dev.otpnet.otp.Supervisor;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Exit;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Proc;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpListenSocket;
import dev.otpnet.tcp.TcpSocket;
import dev.otpnet.testing.Eventually;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ranch's protocol options, {@code set_transport_options/2}, {@code stop_all_acceptors/0} with
 * {@code restart_all_acceptors/0}, and {@code post_listen_callback}.
 */
class ListenerOptionsTest {
    private static final ListenerSettings LOCAL = ListenerSettings.DEFAULT.withSocketOptions(List.of(ip("127.0.0.1")));
    private final List<String> started = new CopyOnWriteArrayList<>();

    record Greeting(String text) {
    }

    /** Says its greeting once when it starts, then again for every line it gets. */
    static final OptionsHandler<Greeting> GREETER = (conn, greeting) -> {
        InetSocket s = conn.socket();
        s.send(Bytes.latin1(greeting.text() + "\n"));
        while (true) {
            try {
                ListenerTlsProxyTest.line(s);
            } catch (InetException closed) {
                return;
            }
            s.send(Bytes.latin1(greeting.text() + "\n"));
        }
    };

    private String start(String name, ListenerSettings s, ProtocolHandler h) throws InetException {
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

    static TcpSocket connect(String name) throws InetException {
        return GenTcp.connect("127.0.0.1", Listener.port(name), List.of(binary(), active(false)), 5000);
    }

    static String ask(TcpSocket c) throws InetException {
        c.send("?\n");
        return ListenerTlsProxyTest.line(c);
    }

    @Test
    void protocolOptionsReachTheHandlerAndAChangeIsForNewConnectionsOnly() throws Exception {
        Listener.start("greeter", Transport.tcp(), LOCAL, new Greeting("hello"), GREETER);
        started.add("greeter");
        assertEquals(new Greeting("hello"), Listener.protocolOptions("greeter"));
        try (TcpSocket old = connect("greeter")) {
            assertEquals("hello", ListenerTlsProxyTest.line(old));
            Listener.setProtocolOptions("greeter", new Greeting("bonjour"));
            assertEquals(new Greeting("bonjour"), Listener.protocolOptions("greeter"));
            try (TcpSocket fresh = connect("greeter")) {
                assertEquals("bonjour", ListenerTlsProxyTest.line(fresh));
                assertEquals("hello", ask(old), "a live connection keeps the options it started with");
                assertEquals("bonjour", ask(fresh));
            }
        }
    }

    @Test
    void aPlainHandlersProtocolOptionsAreRanchsEmptyList() throws Exception {
        start("plain-opts", LOCAL, ListenerTest.ECHO);
        assertEquals(List.of(), Listener.protocolOptions("plain-opts"));
    }

    @Test
    void setTransportOptionsAppliesMaxConnectionsAtOnceAndTheAcceptorsAtResume() throws Exception {
        String name = start("set-opts", LOCAL.withNumAcceptors(4).withMaxConnections(100), ListenerTest.ECHO);
        int port = Listener.port(name);
        ListenerSettings next = Listener.settings(name).withNumAcceptors(2).withMaxConnections(1)
                .withHandshakeTimeout(1234);
        Listener.setTransportOptions(name, next);
        assertEquals(next, Listener.settings(name));
        assertEquals(1, Listener.maxConnections(name), "max_connections at once");
        assertEquals(4, Listener.acceptors(name).size(), "num_acceptors waits for a resume");
        try (TcpSocket first = connect(name)) {
            first.send("a");
            assertEquals(Bytes.latin1("a"), first.recv(1, 5000));
            Listener.suspend(name);
            Listener.resume(name);
            assertEquals(2, Listener.acceptors(name).size(), "num_acceptors after the resume");
            assertEquals(port, Listener.port(name), "port 0 in the new settings keeps the port");
            first.send("b");
            assertEquals(Bytes.latin1("b"), first.recv(1, 5000), "the live connection was not touched");
        }
    }

    @Test
    void setTransportOptionsMovesTheListenerToANewPortAtResume() throws Exception {
        String name = start("move", LOCAL, ListenerTest.ECHO);
        int oldPort = Listener.port(name);
        int newPort;
        try (TcpListenSocket probe = GenTcp.listen(0, List.of(ip("127.0.0.1")))) {
            newPort = probe.port(); // a free port, released for the listener
        }
        Listener.suspend(name);
        Listener.setTransportOptions(name, Listener.settings(name).withPort(newPort));
        Listener.resume(name);
        assertEquals(newPort, Listener.port(name));
        try (TcpSocket c = connect(name)) {
            c.send("x");
            assertEquals(Bytes.latin1("x"), c.recv(1, 5000));
        }
        assertTrue(oldPort != newPort);
    }

    @Test
    void stopAllAcceptorsKeepsConnectionsAndTheBacklogAndRestartServesTheWaitingClient() throws Exception {
        String a = start("all-a", LOCAL.withNumAcceptors(3), ListenerTest.ECHO);
        String b = start("all-b", LOCAL.withNumAcceptors(2), ListenerTest.ECHO);
        try (TcpSocket live = connect(a)) {
            // A connect returns once the kernel has it, maybe before an acceptor took it from the
            // backlog: one echo first, so the connection is live when the acceptors stop.
            live.send("first");
            assertEquals(Bytes.latin1("first"), live.recv(5, 5000), "accepted and served before the acceptors stop");
            Listener.stopAllAcceptors();
            assertEquals(List.of(), Listener.acceptors(a));
            assertEquals(List.of(), Listener.acceptors(b));
            assertEquals(ListenerInfo.Status.RUNNING, Listener.status(a), "as Ranch: the acceptors supervisor stays");
            live.send("still");
            assertEquals(Bytes.latin1("still"), live.recv(5, 5000), "a live connection is untouched");
            // The listen socket is still open: the kernel completes the connect into its backlog.
            try (TcpSocket waiting = connect(b)) {
                waiting.send("later");
                assertEquals(0, Listener.connections(b).size(), "nobody accepted it yet");
                Listener.restartAllAcceptors();
                assertEquals(3, Listener.acceptors(a).size());
                assertEquals(2, Listener.acceptors(b).size());
                assertEquals(Bytes.latin1("later"), waiting.recv(5, 5000), "accepted after the restart");
            }
        }
        Eventually.until("permits back", () -> Listener.info(a).activeConnections() == 0);
    }

    @Test
    void postListenCallbackSeesEveryListenSocketBeforeAcceptingAtStartAndResume() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        String name = start("post-listen", LOCAL.withNumAcceptors(2).withNumListenSockets(2)
                .withPostListenCallback(ls -> seen.add(ls.port())), ListenerTest.ECHO);
        int port = Listener.port(name);
        assertEquals(List.of(port, port), seen);
        Listener.suspend(name);
        Listener.resume(name);
        assertEquals(List.of(port, port, port, port), seen);
    }

    @Test
    void aPostListenCallbackErrorIsTheStartErrorAndNothingIsLeftListening() throws Exception {
        int port;
        try (TcpListenSocket probe = GenTcp.listen(0, List.of(ip("127.0.0.1")))) {
            port = probe.port();
        }
        InetException refused = new InetException(new Reason.Tagged("not_today", "maintenance"));
        InetException e = assertThrows(InetException.class, () -> start("post-fail",
                LOCAL.withPort(port).withPostListenCallback(ls -> {
                    throw refused;
                }), ListenerTest.ECHO));
        assertEquals(refused.reason(), e.reason());
        assertTrue(Listener.list().stream().noneMatch(i -> i.name().equals("post-fail")));
        try (TcpListenSocket again = GenTcp.listen(port, List.of(ip("127.0.0.1")))) {
            assertEquals(port, again.port(), "the listener's socket was closed");
        }
        InetException other = assertThrows(InetException.class, () -> start("post-fail",
                LOCAL.withPostListenCallback(ls -> {
                    throw new IllegalStateException("no route");
                }), ListenerTest.ECHO));
        assertEquals(new Reason.Tagged("post_listen_callback", "no route"), other.reason());
        start("post-fail", LOCAL, ListenerTest.ECHO); // the name is free again
        assertTrue(Listener.port("post-fail") > 0);
    }

    @Test
    void aSupervisorConnectionIsWaitedForAtStopHoweverShortTheShutdownTime() throws Exception {
        AtomicReference<Object> cleanedUp = new AtomicReference<>();
        String name = start("conn-sup", LOCAL.withShutdownMillis(1).withConnectionType(ChildType.SUPERVISOR), conn -> {
            Proc.trapExit(true);
            conn.socket().send(Bytes.latin1("ready\n"));
            Exit shutdown = Proc.receive(Exit.class); // the connection supervisor's shutdown
            Proc.receive(m -> false, 300); // a clean-up far longer than the 1 ms a worker would get
            cleanedUp.set(shutdown.reason());
        });
        try (TcpSocket c = connect(name)) {
            assertEquals("ready", ListenerTlsProxyTest.line(c));
            Listener.stop(name);
            assertEquals(ExitReason.SHUTDOWN, cleanedUp.get(), "stop returned only after the clean-up, never killed");
        }
    }

    @Test
    void severalConnectionSupervisorsShareTheConnectionsAndTheLimitStaysExactOverAll() throws Exception {
        Set<Pid> startedBy = ConcurrentHashMap.newKeySet();
        String name = start("conns-sups", LOCAL.withNumAcceptors(4).withNumConnsSups(3).withMaxConnections(5)
                .withAlarms(List.of(new Alarm("every", 1, 0, (l, a, sup, conns) -> startedBy.add(sup)))),
                ListenerTest.ECHO);
        Pid listenerSup = Listener.info(name).pid();
        Pid connsSupSup = Supervisor.whichChildren(listenerSup).stream()
                .filter(c -> c.id().equals("ranch_conns_sup_sup")).findFirst().orElseThrow().pid().orElseThrow();
        Set<Pid> sups = new HashSet<>();
        Supervisor.whichChildren(connsSupSup).forEach(c -> sups.add(c.pid().orElseThrow()));
        assertEquals(3, sups.size());
        List<TcpSocket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                clients.add(connect(name)); // the kernel completes all 8; the listener accepts 5
            }
            Eventually.until("5 connections", () -> {
                int live = Listener.info(name).activeConnections();
                assertTrue(live <= 5, "never more than max_connections over all supervisors: " + live);
                return live == 5;
            });
            Listener.setMaxConnections(name, 8);
            Eventually.until("8 connections", () -> Listener.info(name).activeConnections() == 8);
            for (TcpSocket c : clients) {
                c.send("e");
                assertEquals(Bytes.latin1("e"), c.recv(1, 5000));
            }
            Eventually.until("each supervisor started connections", () -> startedBy.equals(sups));
        } finally {
            clients.forEach(TcpSocket::close);
        }
        assertTrue(Listener.waitForConnections(name, WaitOp.EQ, 0, 10_000));
        try (TcpSocket last = connect(name)) {
            last.send("z");
            assertEquals(Bytes.latin1("z"), last.recv(1, 5000));
            Listener.stop(name);
            assertThrows(InetException.class, () -> last.recv(0, 5000), "stop ended it through its supervisor");
        }
    }
}
