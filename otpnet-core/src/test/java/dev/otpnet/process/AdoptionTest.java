package dev.otpnet.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Plain threads (main, this JUnit thread) become processes when they call {@code Proc}. */
class AdoptionTest {

    /** Runs {@code body} on a fresh platform thread, which is no process until it calls Proc. */
    private static <T> T onPlatformThread(Supplier<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                result.complete(body.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            t.interrupt();
            throw e;
        }
    }

    @Test
    void aPlainThreadThatCallsSelfIsAdoptedAsOneProcess() throws Exception {
        boolean same = onPlatformThread(() -> {
            Pid first = Proc.self();
            Proc.send(first, "to myself");
            return Proc.self().equals(first) && Proc.isAlive(first) && "to myself".equals(Proc.receive());
        });
        assertTrue(same);
    }

    @Test
    void theTestThreadSurvivesTheKillingOfItsProcess() {
        Pid before = Proc.self();
        Proc.spawn(() -> Proc.exit(before, ExitReason.KILL));
        Await.until("the test thread's process is killed", () -> !Proc.isAlive(before));

        ProcessExit told = assertThrows(ProcessExit.class, () -> Proc.receive(0));
        assertEquals(ExitReason.KILLED, told.reason());
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt that woke us is cleared");

        Pid after = Proc.self();
        assertNotEquals(before, after);
        assertTrue(Proc.isAlive(after));
        Proc.send(after, "works again");
        assertEquals("works again", Proc.receive());
    }

    @Test
    void selfOnADeadAdoptedThreadAdoptsANewProcessWithoutThrowing() throws Exception {
        boolean adoptedAnew = onPlatformThread(() -> {
            Pid before = Proc.self();
            Proc.spawn(() -> Proc.exit(before, "gone"));
            Await.until("the process is killed", () -> !Proc.isAlive(before));
            Pid after = Proc.self();
            return !after.equals(before) && Proc.isAlive(after) && !Thread.currentThread().isInterrupted();
        });
        assertTrue(adoptedAnew);
    }

    @Test
    void anAdoptedThreadLinkedToACrashIsToldOnceThenAdoptedAnew() throws Exception {
        String story = onPlatformThread(() -> {
            Pid before = Proc.self();
            Proc.spawnLink(() -> {
                throw new IllegalStateException("linked crash");
            });
            StringBuilder s = new StringBuilder();
            try {
                Proc.receive();
                s.append("received");
            } catch (ProcessExit e) {
                s.append(e.reason() instanceof Crash ? "crash" : e.reason());
            }
            Proc.send(Proc.self(), "next");
            s.append(Proc.self().equals(before) ? " same" : " new");
            s.append(' ').append(Proc.receive());
            return s.toString();
        });
        assertEquals("crash new next", story);
    }

    @Test
    void exitInAnAdoptedThreadEndsItsProcessAtOnce() throws Exception {
        String story = onPlatformThread(() -> {
            Pid me = Proc.self();
            Pid watcher = Proc.spawn(() -> Proc.receive(m -> false));
            Proc.link(watcher);
            try {
                Proc.exit("finished");
                return "exit returned";
            } catch (ProcessExit e) {
                return e.reason() + " " + Proc.isAlive(me) + " " + Proc.isAlive(watcher);
            }
        });
        assertEquals("finished false false", story);
    }

    @Test
    void sendDoesNotAdoptAThread() throws Exception {
        Pid self = Proc.self();
        boolean adopted = onPlatformThread(() -> {
            Pid newest = Proc.processes().getLast();
            Proc.send(self, "from a plain thread");
            return Proc.processes().stream().anyMatch(p -> p.compareTo(newest) > 0);
        });
        assertFalse(adopted);
        assertEquals("from a plain thread", Proc.receive(String.class, Await.MUST_ARRIVE_MS).orElseThrow());
    }
}
