package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.Inet;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Loopback;
import dev.otpnet.testing.Mailbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecvTest {
    private static final List<dev.otpnet.inet.Option> PASSIVE_BINARY = List.of(binary(), active(false));

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    @Test
    void listenOnPortZeroPicksAFreePort() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1")))) {
            assertTrue(Inet.port(l) > 0);
            assertEquals("127.0.0.1", l.sockname().getAddress().getHostAddress());
        }
    }

    @Test
    void listModeDeliversOneCharPerByte() throws Exception {
        try (Loopback p = Loopback.open(List.of(active(false)))) {
            p.client().send(new byte[] {'h', 'i', (byte) 0xe9});
            assertEquals("hi\u00e9", p.server().recv(3, 5000));
        }
    }

    @Test
    void binaryModeDeliversBytes() throws Exception {
        try (Loopback p = Loopback.open(PASSIVE_BINARY)) {
            p.client().send("hello");
            assertEquals(Bytes.latin1("hello"), p.server().recv(5, 5000));
        }
    }

    @Test
    void recvWithALengthWaitsForExactlyThatManyBytes() throws Exception {
        try (Loopback p = Loopback.open(PASSIVE_BINARY)) {
            Pid self = Proc.self();
            p.client().send("abc");
            Proc.spawn(() -> {
                try {
                    self.send(p.server().recv(5, 5000));
                } catch (InetException e) {
                    self.send(e.reason());
                }
            });
            p.client().send("de");
            assertEquals(Bytes.latin1("abcde"), Mailbox.next(Object.class));
        }
    }

    @Test
    void recvZeroReturnsWhatIsAvailable() throws Exception {
        try (Loopback p = Loopback.open(PASSIVE_BINARY)) {
            p.client().send("xyz");
            StringBuilder got = new StringBuilder();
            while (got.length() < 3) {
                got.append(((Bytes) p.server().recv(0, 5000)).latin1());
            }
            assertEquals("xyz", got.toString());
        }
    }

    @Test
    void aLengthIsOnlyAllowedInRawMode() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false), packet(2)))) {
            InetException e = assertThrows(InetException.class, () -> p.server().recv(5, 100));
            assertEquals(Posix.EINVAL, e.reason());
        }
    }

    @Test
    void recvOnAnActiveSocketIsEinval() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary()))) {
            InetException e = assertThrows(InetException.class, () -> p.server().recv(0, 100));
            assertEquals(Posix.EINVAL, e.reason());
        }
    }

    @Test
    void recvTimesOutAndLosesNothingThatArrivesLater() throws Exception {
        try (Loopback p = Loopback.open(PASSIVE_BINARY)) {
            InetException e = assertThrows(InetException.class, () -> p.server().recv(4, 50));
            assertEquals(InetError.TIMEOUT, e.reason());
            p.client().send("late");
            assertEquals(Bytes.latin1("late"), p.server().recv(4, 5000));
        }
    }

    @Test
    void aTimedOutPartialReadKeepsItsBytesForTheNextRecv() throws Exception {
        try (Loopback p = Loopback.open(PASSIVE_BINARY)) {
            p.client().send("ab");
            InetException e = assertThrows(InetException.class, () -> p.server().recv(4, 200));
            assertEquals(InetError.TIMEOUT, e.reason());
            p.client().send("cd");
            assertEquals(Bytes.latin1("abcd"), p.server().recv(4, 5000));
        }
    }

    @Test
    void recvAfterThePeerClosedIsClosedThenEnotconn() throws Exception {
        try (Loopback p = Loopback.open(PASSIVE_BINARY)) {
            p.client().send("last");
            p.client().close();
            assertEquals(Bytes.latin1("last"), p.server().recv(4, 5000));
            InetException first = assertThrows(InetException.class, () -> p.server().recv(0, 5000));
            assertEquals(InetError.CLOSED, first.reason());
            InetException second = assertThrows(InetException.class, () -> p.server().recv(0, 5000));
            assertEquals(Posix.ENOTCONN, second.reason(), "as erl: the end was told once, then enotconn");
        }
    }

    @Test
    void closingTheSocketWakesAPendingRecvWithClosed() throws Exception {
        try (Loopback p = Loopback.open(PASSIVE_BINARY)) {
            Pid self = Proc.self();
            Proc.spawn(() -> {
                try {
                    self.send(p.server().recv(0));
                } catch (InetException e) {
                    self.send(e.reason());
                }
            });
            p.server().close();
            assertEquals(InetError.CLOSED, Mailbox.next(Object.class));
        }
    }

    @Test
    void concurrentReceiversAreServedInOrderAndEachGetsWholePackets() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false), packet(2)))) {
            Pid self = Proc.self();
            int n = 20;
            for (int i = 0; i < n; i++) {
                Proc.spawn(() -> {
                    try {
                        self.send(p.server().recv(0, 10_000));
                    } catch (InetException e) {
                        self.send(e.reason());
                    }
                });
            }
            for (int i = 0; i < n; i++) {
                p.client().send("packet-" + i);
            }
            java.util.Set<Object> got = new java.util.HashSet<>();
            for (int i = 0; i < n; i++) {
                got.add(Mailbox.next(Object.class));
            }
            for (int i = 0; i < n; i++) {
                assertTrue(got.contains(Bytes.latin1("packet-" + i)), "packet-" + i + " in " + got);
            }
        }
    }

    @Test
    void sendOnAClosedSocketIsClosed() throws Exception {
        try (Loopback p = Loopback.open(PASSIVE_BINARY)) {
            p.client().close();
            assertFalse(p.client().isOpen());
            InetException e = assertThrows(InetException.class, () -> p.client().send("x"));
            assertEquals(InetError.CLOSED, e.reason());
        }
    }

    @Test
    void negativeArgumentsAreRefusedAtOnce() throws Exception {
        try (Loopback p = Loopback.open(PASSIVE_BINARY)) {
            assertThrows(IllegalArgumentException.class, () -> p.server().recv(-1, 10));
            assertThrows(IllegalArgumentException.class, () -> p.server().recv(0, -5));
            assertThrows(IllegalArgumentException.class, () -> p.client().send("\u2603"));
        }
    }
}
