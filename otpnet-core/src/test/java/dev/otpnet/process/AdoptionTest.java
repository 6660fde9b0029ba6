package dev.otpnet.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Plain threads (main, this JUnit thread) become processes when they call {@code Proc}. */
@Timeout(60)
class AdoptionTest {

    @org.junit.jupiter.api.BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

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

    @Test
    void anAdoptedThreadThatEndsEndsItsProcessNormallyFiringLinksAndMonitors() throws Exception {
        Pid test = Proc.self();
        Proc.trapExit(true);
        try {
            Thread t = Thread.ofPlatform().start(() -> {
                Proc.link(test);
                test.send(Proc.self());
                Proc.receive(String.class); // until the test monitors us; then the thread ends
            });
            Pid adopted = Await.message(Pid.class);
            Ref ref = Proc.monitor(adopted);
            adopted.send("end");
            t.join(Await.DEADLINE);
            assertEquals(ExitReason.NORMAL, Await.down(ref).reason());
            assertEquals(ExitReason.NORMAL, Await.exitFrom(adopted).reason());
            assertFalse(Proc.isAlive(adopted));
            assertFalse(Proc.processes().contains(adopted), "gone from the process table");
        } finally {
            Proc.trapExit(false);
        }
    }

    @Test
    void anAdoptedThreadKilledByAnExceptionEndsItsProcessWithThatCrash() throws Exception {
        Pid test = Proc.self();
        Thread.ofPlatform()
                .uncaughtExceptionHandler((thread, e) -> test.send("handler still called: " + e.getMessage()))
                .start(() -> {
                    Pid me = Proc.self();
                    test.send(me);
                    Proc.receive(String.class); // until the test monitors us
                    throw new IllegalStateException("boom");
                });
        Pid adopted = Await.message(Pid.class);
        Pid linked = Proc.spawn(() -> {
            Proc.link(adopted);
            test.send("linked");
            Proc.receive(m -> false);
        });
        Ref linkedRef = Proc.monitor(linked);
        assertEquals("linked", Proc.receive(String.class, Await.MUST_ARRIVE_MS).orElseThrow());
        Ref ref = Proc.monitor(adopted);
        adopted.send("go");
        Down down = Await.down(ref);
        Crash crash = assertInstanceOf(Crash.class, down.reason());
        assertEquals("boom", crash.exception().getMessage());
        assertEquals(crash, Await.down(linkedRef).reason(), "the crash goes down the link");
        assertEquals("handler still called: boom", Proc.receive(String.class, Await.MUST_ARRIVE_MS).orElseThrow());
    }

    @Test
    void aPoolThreadEndsItsProcessWhenThePoolShutsDown() throws Exception {
        Pid test = Proc.self();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        for (int i = 0; i < 3; i++) {
            pool.execute(() -> test.send(Proc.self()));
        }
        java.util.List<Ref> refs = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            refs.add(Proc.monitor(Await.message(Pid.class)));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS));
        for (Ref ref : refs) {
            assertEquals(ExitReason.NORMAL, Await.down(ref).reason());
        }
    }

    @Test
    void aPoolThreadThatStaysAliveStaysOneProcessUntilItReleasesIt() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Pid first = pool.submit(() -> {
                Pid me = Proc.self();
                Proc.send(me, "left for the next task");
                return me;
            }).get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertTrue(Proc.isAlive(first), "the thread lives on, and so does its process");
            Ref ref = Proc.monitor(first);
            Object seen = pool.submit(() -> {
                Object leftOver = Proc.receive(0).orElse("nothing");
                Proc.release();
                return leftOver + (Proc.isAlive(first) ? " alive" : " released");
            }).get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertEquals("left for the next task released", seen, "the same process served both tasks");
            assertEquals(ExitReason.NORMAL, Await.down(ref).reason());
            Pid next = pool.submit(Proc::self).get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertNotEquals(first, next, "the next call adopts the thread anew");
            assertTrue(Proc.isAlive(next));
            pool.submit(Proc::release).get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertFalse(Proc.isAlive(next));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void releaseIsForAdoptedThreadsOnly() throws Exception {
        Pid test = Proc.self();
        Proc.spawn(() -> {
            try {
                Proc.release();
                test.send("released a spawned process");
            } catch (IllegalStateException e) {
                test.send(e);
            }
        });
        IllegalStateException e = Await.message(IllegalStateException.class);
        assertTrue(e.getMessage().contains("spawned"), e.getMessage());
        boolean quiet = onPlatformThread(() -> {
            Proc.release(); // not a process yet: nothing to release
            return true;
        });
        assertTrue(quiet);
    }
}
