package dev.otpnet.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceiveTest {

    record Tagged(String tag, int n) {}

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    @Test
    void receiveReturnsMessagesInArrivalOrder() {
        Pid self = Proc.self();
        for (int i = 0; i < 5; i++) {
            Proc.send(self, i);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(i, Proc.receive());
        }
    }

    @Test
    void selectiveReceiveKeepsSkippedMessagesInTheirOriginalOrder() {
        Pid self = Proc.self();
        List<Object> sent = List.of("a", 1, "b", 2, "c", 3);
        sent.forEach(self::send);

        assertEquals(2, Proc.receive(m -> m.equals(2)));
        assertEquals(1, Proc.receive(Integer.class));
        assertEquals(List.of("a", "b", "c", 3), Proc.flush());
    }

    @Test
    void selectiveReceiveLaterLooksAtSkippedMessagesBeforeNewOnes() {
        Pid self = Proc.self();
        self.send(new Tagged("x", 1));
        self.send(new Tagged("y", 1));
        assertEquals(new Tagged("y", 1), Proc.receive(Tagged.class, t -> t.tag().equals("y")));
        self.send(new Tagged("x", 2));
        assertEquals(new Tagged("x", 1), Proc.receive(Tagged.class, t -> t.tag().equals("x")));
        assertEquals(new Tagged("x", 2), Proc.receive(Tagged.class, t -> t.tag().equals("x")));
    }

    @Test
    void aSelectiveReceiveWaitsPastNonMatchingMessagesForAMatchingOne() {
        Pid self = Proc.self();
        Proc.spawn(() -> {
            self.send("noise");
            self.send(42);
        });
        assertEquals(42, Proc.receive(Integer.class, Await.MUST_ARRIVE_MS).orElseThrow());
        assertEquals(List.of("noise"), Proc.flush());
    }

    @Test
    void receiveWithATimeoutReturnsEmptyWhenNothingArrives() {
        assertEquals(Optional.empty(), Proc.receive(20));
        assertEquals(Optional.empty(), Proc.receive(String.class, 5));
        assertEquals(Optional.empty(), Proc.receive(m -> true, 5));
    }

    @Test
    void aTimedReceiveLeavesNonMatchingMessagesQueued() {
        Proc.self().send("kept");
        assertEquals(Optional.empty(), Proc.receive(Integer.class, 5));
        assertEquals(List.of("kept"), Proc.flush());
    }

    @Test
    void receiveWithZeroTimeoutOnlyLooks() {
        assertEquals(Optional.empty(), Proc.receive(0));
        Proc.self().send("here");
        assertEquals(Optional.of("here"), Proc.receive(0));
    }

    @Test
    void aNegativeTimeoutIsRejectedWithASentence() {
        var e = assertThrows(IllegalArgumentException.class, () -> Proc.receive(-1));
        assertTrue(e.getMessage().endsWith("."), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Proc.receive(String.class, -5));
        assertThrows(IllegalArgumentException.class, () -> Proc.receive(m -> true, -5));
    }

    @Test
    void aWaitingReceiverWakesWhenAMessageArrives() {
        Pid self = Proc.self();
        AtomicReference<Thread> thread = new AtomicReference<>();
        Pid waiter = Proc.spawn(() -> {
            thread.set(Thread.currentThread());
            self.send(new Tagged("got", (Integer) Proc.receive()));
        });
        Await.until("the receiver parks", () -> thread.get() != null && thread.get().getState() == Thread.State.WAITING);
        waiter.send(7);
        assertEquals(new Tagged("got", 7), Await.message(Tagged.class));
    }

    @Test
    void flushRemovesAndReturnsEveryQueuedMessage() {
        Pid self = Proc.self();
        self.send(1);
        self.send(2);
        Proc.receive(m -> false, 0);
        self.send(3);
        assertEquals(List.of(1, 2, 3), Proc.flush());
        assertEquals(List.of(), Proc.flush());
    }

    @Test
    void messageQueueLenCountsQueuedAndSkippedMessages() {
        Pid self = Proc.self();
        assertEquals(0, Proc.messageQueueLen(self));
        self.send("a");
        self.send("b");
        Proc.receive(Integer.class, 0);
        self.send("c");
        assertEquals(3, Proc.messageQueueLen(self));
        Proc.receive();
        assertEquals(2, Proc.messageQueueLen(self));
    }

    @Test
    void aPredicateThatThrowsLeavesTheMessageQueued() {
        Proc.self().send("first");
        assertThrows(IllegalStateException.class, () -> Proc.receive(m -> {
            throw new IllegalStateException("refuses to look");
        }));
        assertEquals("first", Proc.receive());
    }

    @Test
    void sendingToADeadProcessIsDropped() {
        Spawned done = Proc.spawnMonitor(() -> {});
        Await.down(done.ref());
        Proc.send(done.pid(), "lost");
        assertEquals(0, Proc.messageQueueLen(done.pid()));
    }

    @Test
    void sendingNullIsRejected() {
        assertThrows(NullPointerException.class, () -> Proc.send(Proc.self(), null));
    }

    @Test
    void pidSendIsSend() {
        Proc.self().send("via pid");
        assertEquals("via pid", Proc.receive());
    }

    @Test
    void anInterruptThatIsNotAnExitSignalDoesNotEndAReceiveAndIsKept() {
        Pid self = Proc.self();
        AtomicReference<Thread> thread = new AtomicReference<>();
        Pid receiver = Proc.spawn(() -> {
            thread.set(Thread.currentThread());
            Object m = Proc.receive();
            self.send(new Tagged(m + (Thread.currentThread().isInterrupted() ? " interrupted" : " clear"), 0));
        });
        Await.until("the receiver starts", () -> thread.get() != null);
        thread.get().interrupt();
        assertEquals(Optional.empty(), Proc.receive(20));
        assertTrue(Proc.isAlive(receiver));
        receiver.send("woke");
        assertEquals(new Tagged("woke interrupted", 0), Await.message(Tagged.class));
    }

    @Test
    void receiveByTypeCastsTheMessage() {
        Proc.self().send(new Tagged("t", 3));
        Tagged t = Proc.receive(Tagged.class);
        assertInstanceOf(Tagged.class, t);
        assertFalse(t.tag().isEmpty());
    }
}
