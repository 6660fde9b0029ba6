package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.process.Down;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Loopback;
import dev.otpnet.testing.Mailbox;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A recv without a time-out by the socket's owner reads the wire on the owner's own thread
 * (no hand-off to the socket's reader and back); everyone else's recv, and any recv with a
 * time-out, goes through the reader. These check that both behave as gen_tcp's recv does, and
 * that a killed process (whose thread is interrupted) closes the socket only if it owns it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OwnerRecvTest {

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    @Test
    void theOwnersRecvGathersAPacketThatArrivesInPieces() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false), packet(4)),
                List.of(binary(), active(false)))) {
            byte[] body = new byte[100_000];
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) i;
            }
            Pid self = Proc.self();
            Proc.spawn(() -> {
                try {
                    p.client().send(Bytes.wrap(new byte[] {0, 1, (byte) 0x86, (byte) 0xa0})); // the header: 100000
                    p.client().send(Bytes.wrap(body, 0, 50_000));
                    p.client().send(Bytes.wrap(body, 50_000, 50_000));
                    p.client().send(Bytes.wrap(new byte[] {0, 0, 0, 2, 'o', 'k'}));
                    self.send("sent");
                } catch (InetException e) {
                    self.send(e.reason());
                }
            });
            assertEquals(Bytes.wrap(body), p.server().recv(0));
            assertEquals(Bytes.latin1("ok"), p.server().recv(0));
            assertEquals("sent", Mailbox.next(Object.class));
        }
    }

    @Test
    void theOwnersRecvSeesThePeersCloseThenEnotconn() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            Proc.spawn(() -> {
                try {
                    p.client().send("bye");
                } catch (InetException ignored) {
                    // the test fails on the missing bytes
                }
                p.client().close();
            });
            StringBuilder got = new StringBuilder();
            InetException end = assertThrows(InetException.class, () -> {
                while (true) {
                    got.append(((Bytes) p.server().recv(0)).latin1());
                }
            });
            assertEquals("bye", got.toString());
            assertEquals(InetError.CLOSED, end.reason());
        }
    }

    @Test
    void closingFromAnotherProcessEndsTheOwnersRecvWithClosed() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            Proc.spawn(() -> p.server().close());
            InetException e = assertThrows(InetException.class, () -> p.server().recv(0));
            assertEquals(InetError.CLOSED, e.reason());
        }
    }

    /**
     * The kill lands while the waiter may still be unwinding; bytes sent after its Down must go to
     * the next in turn, not to the dead process (a race: about one round in thirty lost them).
     */
    @Test
    void killingANonOwnerWaitingInRecvLeavesTheSocketOpen() throws Exception {
        for (int round = 0; round < 40; round++) {
            try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
                Pid self = Proc.self();
                Pid waiter = Proc.spawn(() -> {
                    self.send("waiting");
                    try {
                        self.send(p.server().recv(0));
                    } catch (InetException e) {
                        self.send(e.reason());
                    }
                });
                assertEquals("waiting", Mailbox.next(Object.class));
                var ref = Proc.monitor(waiter);
                Proc.exit(waiter, ExitReason.KILL);
                assertEquals(ref, Mailbox.next(Down.class).ref());
                p.client().send("still open");
                assertEquals(Bytes.latin1("still open"), p.server().recv(10, 5000), "round " + round);
            }
        }
    }

    @Test
    void killingTheOwnerWaitingInRecvClosesTheSocket() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            Pid self = Proc.self();
            Pid owner = Proc.spawn(() -> {
                Proc.receive(String.class);
                self.send("waiting");
                try {
                    self.send(p.server().recv(0));
                } catch (InetException e) {
                    self.send(e.reason());
                }
            });
            p.server().controllingProcess(owner);
            owner.send("go");
            assertEquals("waiting", Mailbox.next(Object.class));
            Proc.exit(owner, ExitReason.KILL);
            InetException e = assertThrows(InetException.class, () -> p.client().recv(0, 10_000));
            assertInstanceOf(InetError.class, e.reason());
            assertEquals(InetError.CLOSED, e.reason());
        }
    }
}
