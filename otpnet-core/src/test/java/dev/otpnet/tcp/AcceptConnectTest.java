package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.backlog;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.inet6;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Mailbox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AcceptConnectTest {

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    /** What an acceptor process reports: its name and what accept gave it. */
    record Outcome(String name, Object result) {
    }

    private static void acceptor(TcpListenSocket l, String name, long timeout, Pid report) {
        Proc.spawn(() -> {
            try {
                report.send(new Outcome(name, l.accept(timeout)));
            } catch (InetException e) {
                report.send(new Outcome(name, e.reason()));
            }
        });
    }

    @Test
    void acceptTimesOut() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1")))) {
            InetException e = assertThrows(InetException.class, () -> l.accept(30));
            assertEquals(InetError.TIMEOUT, e.reason());
        }
    }

    @Test
    void concurrentAcceptTimeoutsFireInDeadlineOrder() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1")))) {
            Pid self = Proc.self();
            acceptor(l, "slow", 900, self);
            acceptor(l, "fast", 100, self);
            acceptor(l, "middle", 500, self);
            List<String> order = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Outcome o = Mailbox.next(Outcome.class);
                assertEquals(InetError.TIMEOUT, o.result());
                order.add(o.name());
            }
            assertEquals(List.of("fast", "middle", "slow"), order);
        }
    }

    @Test
    void whenTheFirstAcceptorTimesOutTheNextOneTakesTheConnection() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), binary(), active(false)))) {
            Pid self = Proc.self();
            // Callers take turns: the first one waits on the listen socket itself and the second
            // behind it; the connection comes only after the first has left with its time-out.
            acceptor(l, "first", 100, self);
            acceptor(l, "second", 10_000, self);
            Outcome timedOut = Mailbox.next(Outcome.class);
            assertEquals("first", timedOut.name());
            assertEquals(InetError.TIMEOUT, timedOut.result());
            try (TcpSocket client = GenTcp.connect("127.0.0.1", l.port(), List.of(binary()), 5000)) {
                Outcome o = Mailbox.next(Outcome.class);
                assertEquals("second", o.name());
                assertTrue(o.result() instanceof TcpSocket, "accepted: " + o.result());
                ((TcpSocket) o.result()).close();
            }
        }
    }

    /**
     * An acceptor killed as it waits (or as it starts to accept) must not take a connection that
     * comes after its DOWN: that connection waits for the next accept, as in Erlang.
     */
    @Test
    void anAcceptorKilledWhileWaitingLeavesLaterConnectionsToTheNext() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), binary(), active(false)))) {
            Pid self = Proc.self();
            for (int round = 0; round < 40; round++) {
                Pid waiter = Proc.spawn(() -> {
                    self.send("waiting");
                    try {
                        self.send(new Outcome("killed", l.accept(dev.otpnet.inet.Inet.INFINITY)));
                    } catch (InetException e) {
                        self.send(new Outcome("killed", e.reason()));
                    }
                });
                assertEquals("waiting", Mailbox.next(Object.class));
                var ref = Proc.monitor(waiter);
                Proc.exit(waiter, dev.otpnet.process.ExitReason.KILL);
                assertEquals(ref, Mailbox.next(dev.otpnet.process.Down.class).ref());
                try (TcpSocket client = GenTcp.connect("127.0.0.1", l.port(), List.of(binary(), active(false)), 5000);
                        TcpSocket accepted = l.accept(5000)) {
                    client.send("round " + round);
                    assertEquals(Bytes.latin1("round " + round), accepted.recv(0, 5000));
                }
            }
        }
    }

    @Test
    void closingTheListenSocketWakesEveryAcceptorWithClosed() throws Exception {
        TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1")));
        Pid self = Proc.self();
        for (int i = 0; i < 4; i++) {
            acceptor(l, "a" + i, dev.otpnet.inet.Inet.INFINITY, self);
        }
        l.close();
        for (int i = 0; i < 4; i++) {
            assertEquals(InetError.CLOSED, Mailbox.next(Outcome.class).result());
        }
    }

    @Test
    void severalAcceptorsEachGetTheirOwnConnection() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), binary(), active(false)))) {
            Pid self = Proc.self();
            int n = 8;
            for (int i = 0; i < n; i++) {
                acceptor(l, "a" + i, 10_000, self);
            }
            List<TcpSocket> clients = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                clients.add(GenTcp.connect("127.0.0.1", l.port(), List.of(binary()), 5000));
            }
            java.util.Set<Object> accepted = new java.util.HashSet<>();
            for (int i = 0; i < n; i++) {
                Object r = Mailbox.next(Outcome.class).result();
                assertTrue(r instanceof TcpSocket, "accepted: " + r);
                accepted.add(r);
            }
            assertEquals(n, accepted.size());
            clients.forEach(TcpSocket::close);
        }
    }

    @Test
    void aRefusedConnectionIsEconnrefused() throws Exception {
        TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1")));
        int port = l.port();
        l.close();
        InetException e = assertThrows(InetException.class, () -> GenTcp.connect("127.0.0.1", port, List.of(), 5000));
        assertEquals(Posix.ECONNREFUSED, e.reason());
        assertTrue(e.getMessage().startsWith("econnrefused: connection refused"), e.getMessage());
    }

    @Test
    void aListenSocketClosedWhileAcceptsWaitRefusesTheNextConnectAtOnce() throws Exception {
        // A waiting accept has the listen socket registered with the wire poller, where a plain
        // close would leave the kernel socket listening until the poller's next selection.
        for (int round = 0; round < 20; round++) {
            TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1")));
            int port = l.port();
            acceptor(l, "waiting", dev.otpnet.inet.Inet.INFINITY, Proc.self());
            if (round % 2 == 1) {
                // Half the rounds: a connection taken first, so the caller has surely waited on the poller.
                try (TcpSocket c = GenTcp.connect("127.0.0.1", port, List.of(), 5000)) {
                    Object accepted = Mailbox.next(Outcome.class).result();
                    assertTrue(accepted instanceof TcpSocket, "accepted: " + accepted);
                    ((TcpSocket) accepted).close();
                }
                acceptor(l, "waiting", dev.otpnet.inet.Inet.INFINITY, Proc.self());
            }
            l.close();
            InetException e = assertThrows(InetException.class, () -> GenTcp.connect("127.0.0.1", port, List.of(), 5000));
            assertEquals(Posix.ECONNREFUSED, e.reason(), "round " + round);
            assertEquals(InetError.CLOSED, Mailbox.next(Outcome.class).result());
        }
    }

    @Test
    void anUnknownHostIsNxdomain() {
        InetException e = assertThrows(InetException.class,
                () -> GenTcp.connect("no-such-host.invalid", 80, List.of(), 5000));
        assertEquals(InetError.NXDOMAIN, e.reason());
    }

    @Test
    void connectResolvesHostNames() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), binary(), active(false)));
                TcpSocket c = GenTcp.connect("localhost", l.port(), List.of(binary()), 5000);
                TcpSocket s = l.accept(5000)) {
            c.send("via name");
            assertEquals(Bytes.latin1("via name"), s.recv(8, 5000));
        }
    }

    @Test
    void connectTriesEachAddressInTurn() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), binary(), active(false)));
                TcpSocket c = GenTcp.connect(List.of(dev.otpnet.inet.Inet.parseAddress("127.0.0.2"),
                        dev.otpnet.inet.Inet.parseAddress("127.0.0.1")), l.port(), List.of(binary()), 5000);
                TcpSocket s = l.accept(5000)) {
            assertEquals("127.0.0.1", c.peername().getAddress().getHostAddress(), "127.0.0.2 refused, so the next");
            c.send("ok");
            assertEquals(Bytes.latin1("ok"), s.recv(2, 5000));
        }
    }

    @Test
    void connectWorksOverIpv6() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(inet6(), ip("::1"), binary(), active(false)));
                TcpSocket c = GenTcp.connect("::1", l.port(), List.of(inet6(), binary()), 5000);
                TcpSocket s = l.accept(5000)) {
            c.send("six");
            assertEquals(Bytes.latin1("six"), s.recv(3, 5000));
            assertEquals("::1", dev.otpnet.inet.Inet.ntoa(s.peername().getAddress()));
        }
    }

    @Test
    void connectBindsTheGivenLocalAddressAndPort() throws Exception {
        int localPort;
        try (TcpListenSocket probe = GenTcp.listen(0, List.of(ip("127.0.0.1")))) {
            localPort = probe.port();
        }
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1")));
                TcpSocket c = GenTcp.connect("127.0.0.1", l.port(), List.of(ip("127.0.0.1"), port(localPort)), 5000);
                TcpSocket s = l.accept(5000)) {
            assertEquals(localPort, c.sockname().getPort());
            assertEquals(localPort, s.peername().getPort());
        }
    }

    @Test
    void connectToAListenerThatNeverAcceptsTimesOut() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), backlog(0)))) {
            List<TcpSocket> filler = new ArrayList<>();
            Reason outcome = null;
            // The kernel completes handshakes into the accept queue until it is full; then SYNs are dropped.
            for (int i = 0; i < 64 && outcome == null; i++) {
                try {
                    filler.add(GenTcp.connect("127.0.0.1", l.port(), List.of(), 300));
                } catch (InetException e) {
                    outcome = e.reason();
                }
            }
            filler.forEach(TcpSocket::close);
            assertEquals(InetError.TIMEOUT, outcome);
        }
    }

    @Test
    void aBadPortIsRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> GenTcp.listen(70000, List.of()));
        assertThrows(IllegalArgumentException.class, () -> GenTcp.connect("127.0.0.1", -1, List.of(), 10));
        assertThrows(IllegalArgumentException.class, () -> GenTcp.connect("127.0.0.1", 1, List.of(), -10));
    }

    @Test
    void listeningOnAPortInUseIsEaddrinuse() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), dev.otpnet.inet.Options.reuseaddr(false)))) {
            InetException e = assertThrows(InetException.class,
                    () -> GenTcp.listen(l.port(), List.of(ip("127.0.0.1"), dev.otpnet.inet.Options.reuseaddr(false))));
            assertEquals(Posix.EADDRINUSE, e.reason());
        }
    }
}
