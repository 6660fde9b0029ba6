package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Eventually;
import dev.otpnet.testing.Loopback;
import dev.otpnet.testing.Mailbox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OwnershipTest {

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    @Test
    void onlyTheOwnerMayHandTheSocketOn() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary()))) {
            Pid self = Proc.self();
            Proc.spawn(() -> {
                try {
                    p.server().controllingProcess(Proc.self());
                    self.send("transferred");
                } catch (InetException e) {
                    self.send(e.reason());
                }
            });
            assertEquals(InetError.NOT_OWNER, Mailbox.next(Object.class));
            assertEquals(self, p.server().owner());
        }
    }

    @Test
    void handingToADeadProcessIsBadarg() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary()))) {
            Pid dead = Proc.spawn(() -> { });
            Eventually.until("the process ends", () -> !Proc.isAlive(dead));
            InetException e = assertThrows(InetException.class, () -> p.server().controllingProcess(dead));
            assertEquals(InetError.BADARG, e.reason());
        }
    }

    @Test
    void queuedMessagesMoveWithTheSocketInOrder() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), packet(2)))) {
            Pid self = Proc.self();
            self.send("unrelated");
            for (int i = 0; i < 5; i++) {
                p.client().send("m" + i);
            }
            Eventually.until("five packets are queued", () -> Proc.messageQueueLen(self) >= 6);
            Pid heir = Proc.spawn(() -> {
                Proc.receive(String.class); // "go"
                List<Object> got = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    got.add(Proc.receive(SocketMessage.class, 10_000).map(m -> (Object) m).orElse("missing"));
                }
                self.send(got);
            });
            p.server().controllingProcess(heir);
            p.client().send("m5");
            heir.send("go");
            @SuppressWarnings("unchecked")
            List<Object> got = Mailbox.next(List.class);
            List<Object> expected = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                expected.add(new SocketMessage.Data(p.server(), Bytes.latin1("m" + i)));
            }
            assertEquals(expected, got);
            assertEquals("unrelated", Mailbox.next(String.class), "other messages stay");
        }
    }

    @Test
    void theSocketClosesWhenItsOwnerExits() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), binary(), active(false)))) {
            int port = l.port();
            Pid owner = Proc.spawn(() -> {
                try {
                    TcpSocket s = GenTcp.connect("127.0.0.1", port, List.of(binary()), 5000);
                    s.send("bye");
                } catch (InetException e) {
                    throw new IllegalStateException(e);
                }
            });
            TcpSocket accepted = l.accept(5000);
            assertEquals(Bytes.latin1("bye"), accepted.recv(3, 5000));
            Eventually.until("the owner exits", () -> !Proc.isAlive(owner));
            InetException e = assertThrows(InetException.class, () -> accepted.recv(0, 5000));
            assertEquals(InetError.CLOSED, e.reason());
        }
    }

    @Test
    void theListenSocketClosesWhenItsOwnerExits() throws Exception {
        Pid self = Proc.self();
        Pid owner = Proc.spawn(() -> {
            try {
                TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1")));
                self.send(l);
                Proc.receive(String.class);
            } catch (InetException e) {
                self.send(e);
            }
        });
        TcpListenSocket l = Mailbox.next(TcpListenSocket.class);
        owner.send("exit now");
        Eventually.until("the listen socket closes", () -> !l.isOpen());
    }

    @Test
    void anAcceptedSocketBelongsToTheProcessThatAccepted() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), binary()))) {
            Pid self = Proc.self();
            Proc.spawn(() -> {
                try {
                    TcpSocket s = l.accept(5000);
                    self.send(s);
                    Proc.receive(String.class, 10_000);
                } catch (InetException e) {
                    self.send(e);
                }
            });
            try (TcpSocket c = GenTcp.connect("127.0.0.1", l.port(), List.of(), 5000)) {
                TcpSocket accepted = Mailbox.next(TcpSocket.class);
                assertFalse(accepted.owner().equals(self));
                assertEquals(self, c.owner());
            }
        }
    }
}
