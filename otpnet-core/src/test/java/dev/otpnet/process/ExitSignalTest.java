package dev.otpnet.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.internal.process.ProcessCore;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Erlang's exit signal rules, one by one. The test thread traps exits so it survives them. */
class ExitSignalTest {

    record Ready(Pid pid) {}

    record Outcome(Object what) {}

    @BeforeEach
    void trapAndEmpty() {
        Proc.trapExit(true);
        Proc.flush();
    }

    @AfterEach
    void stopTrapping() {
        Proc.trapExit(false);
    }

    /** Spawns a process that links to {@code peer}, optionally traps, reports it is ready, then lives until killed. */
    private static Pid linkedTo(Pid peer, boolean trap) {
        Pid parent = Proc.self();
        Pid p = Proc.spawn(() -> {
            Proc.trapExit(trap);
            Proc.link(peer);
            parent.send(new Ready(Proc.self()));
            while (true) {
                parent.send(new Outcome(Proc.receive()));
            }
        });
        Proc.receive(Ready.class, r -> r.pid().equals(p), Await.MUST_ARRIVE_MS).orElseThrow();
        return p;
    }

    @Test
    void normalExitDoesNotKillALinkedProcess() {
        Pid ender = Proc.spawn(() -> Proc.receive(String.class));
        Pid linked = linkedTo(ender, false);
        Ref watch = Proc.monitor(linked);
        Ref endWatch = Proc.monitor(ender);
        ender.send("stop");
        assertEquals(ExitReason.NORMAL, Await.down(endWatch).reason());
        linked.send("still here?");
        assertEquals(new Outcome("still here?"), Await.message(Outcome.class));
        assertTrue(Proc.isAlive(linked));
        Proc.exit(linked, ExitReason.KILL);
        Await.down(watch);
    }

    @Test
    void anAbnormalExitKillsALinkedProcessWithTheSameReason() {
        Pid ender = Proc.spawn(() -> Proc.exit(Proc.receive(String.class)));
        Pid linked = linkedTo(ender, false);
        Ref watch = Proc.monitor(linked);
        ender.send("boom");
        assertEquals("boom", Await.down(watch).reason());
        assertFalse(Proc.isAlive(linked));
    }

    @Test
    void aTrappingProcessReceivesExitMessagesEvenForNormal() {
        Pid normal = Proc.spawnLink(() -> Proc.receive(String.class));
        Pid abnormal = Proc.spawnLink(() -> Proc.exit(Proc.receive(String.class)));
        normal.send("go");
        abnormal.send("bad");
        assertEquals(new Exit(normal, ExitReason.NORMAL), Await.exitFrom(normal));
        assertEquals(new Exit(abnormal, "bad"), Await.exitFrom(abnormal));
        assertTrue(Proc.isAlive(Proc.self()));
    }

    @Test
    void exitWithNormalSentToAnotherNonTrappingProcessDoesNothing() {
        Pid target = Proc.spawn(Await.forever());
        Proc.exit(target, ExitReason.NORMAL);
        assertTrue(Proc.isAlive(target));
        Ref watch = Proc.monitor(target);
        assertEquals(Optional.empty(), Proc.receive(Down.class, 20));
        Proc.exit(target, ExitReason.KILL);
        Await.down(watch);
    }

    @Test
    void exitWithNormalSentToItselfEndsTheProcess() {
        Spawned s = Proc.spawnMonitor(() -> {
            Proc.exit(Proc.self(), ExitReason.NORMAL);
            throw new AssertionError("still running after exit(self(), normal)");
        });
        assertEquals(ExitReason.NORMAL, Await.down(s.ref()).reason());
    }

    @Test
    void exitWithAReasonKillsANonTrappingProcessWithThatReason() {
        Spawned s = Proc.spawnMonitor(Await.forever());
        Proc.exit(s.pid(), "go away");
        assertEquals("go away", Await.down(s.ref()).reason());
    }

    @Test
    void exitWithAReasonReachesATrappingProcessAsAnExitMessage() {
        Pid self = Proc.self();
        Pid trapper = linkedTo(Proc.spawn(Await.forever()), true);
        Proc.exit(trapper, ExitReason.SHUTDOWN);
        assertEquals(new Outcome(new Exit(self, ExitReason.SHUTDOWN)), Await.message(Outcome.class));
        Proc.exit(trapper, ExitReason.NORMAL);
        assertEquals(new Outcome(new Exit(self, ExitReason.NORMAL)), Await.message(Outcome.class));
        assertTrue(Proc.isAlive(trapper));
        Proc.exit(trapper, ExitReason.KILL);
    }

    @Test
    void killIsUntrappableAndTheVictimDiesWithKilled() {
        Pid trapper = linkedTo(Proc.spawn(Await.forever()), true);
        Ref watch = Proc.monitor(trapper);
        Proc.exit(trapper, ExitReason.KILL);
        assertFalse(Proc.isAlive(trapper));
        assertEquals(ExitReason.KILLED, Await.down(watch).reason());
        assertEquals(Optional.empty(), Proc.receive(Outcome.class, 0));
    }

    @Test
    void theLinksOfAKilledProcessSeeKilled() {
        Pid victim = Proc.spawn(Await.forever());
        Proc.link(victim);
        Proc.exit(victim, ExitReason.KILL);
        assertEquals(new Exit(victim, ExitReason.KILLED), Await.exitFrom(victim));
    }

    @Test
    void killSentThroughALinkIsAnOrdinaryReason() {
        // Erlang: a process that calls exit(kill) sends kill (not killed) to its links,
        // and through a link it can be trapped.
        Pid suicidal = Proc.spawnLink(() -> Proc.exit(Proc.receive(ExitReason.class)));
        Pid nonTrapping = linkedTo(suicidal, false);
        Ref watch = Proc.monitor(nonTrapping);
        suicidal.send(ExitReason.KILL);
        assertEquals(new Exit(suicidal, ExitReason.KILL), Await.exitFrom(suicidal));
        assertEquals(ExitReason.KILL, Await.down(watch).reason());
    }

    @Test
    void linkingToADeadProcessRaisesNoprocInANonTrappingCaller() {
        Spawned dead = Proc.spawnMonitor(() -> {});
        Await.down(dead.ref());
        Spawned linker = Proc.spawnMonitor(() -> Proc.link(dead.pid()));
        assertEquals(ExitReason.NOPROC, Await.down(linker.ref()).reason());

        Pid self = Proc.self();
        Proc.spawn(() -> {
            try {
                Proc.link(dead.pid());
                self.send(new Outcome("linked"));
            } catch (ProcessExit e) {
                self.send(new Outcome(e.reason()));
            }
            self.send(new Outcome(Proc.isAlive(Proc.self())));
        });
        assertEquals(new Outcome(ExitReason.NOPROC), Await.message(Outcome.class));
        assertEquals(new Outcome(true), Await.message(Outcome.class));
    }

    @Test
    void linkingToADeadProcessGivesATrappingCallerAnExitNoproc() {
        Spawned dead = Proc.spawnMonitor(() -> {});
        Await.down(dead.ref());
        Proc.link(dead.pid());
        assertEquals(new Exit(dead.pid(), ExitReason.NOPROC), Await.exitFrom(dead.pid()));
    }

    @Test
    void linkingToItselfOrTwiceIsHarmless() {
        Proc.link(Proc.self());
        Pid p = Proc.spawn(Await.forever());
        Proc.link(p);
        Proc.link(p);
        Proc.exit(p, "bye");
        assertEquals(new Exit(p, "bye"), Await.exitFrom(p));
        assertEquals(Optional.empty(), Proc.receive(Exit.class, 20));
    }

    @Test
    void afterUnlinkNoExitSignalComes() {
        Pid p = Proc.spawn(() -> Proc.exit(Proc.receive(String.class)));
        Proc.link(p);
        Proc.unlink(p);
        Ref watch = Proc.monitor(p);
        p.send("reason");
        Await.down(watch);
        assertEquals(Optional.empty(), Proc.receive(Exit.class, 0));
    }

    @Test
    void spawnLinkLinksBeforeTheBodyRuns() {
        Pid p = Proc.spawnLink(() -> {
            throw new IllegalStateException("at once");
        });
        Exit exit = Await.exitFrom(p);
        Crash crash = assertInstanceOf(Crash.class, exit.reason());
        assertEquals("at once", crash.exception().getMessage());
    }

    @Test
    void aKilledProcessIsDeadAtOnceWhileItsThreadStillRuns() throws InterruptedException {
        Pid self = Proc.self();
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Pid busy = Proc.spawn(() -> {
            Proc.register("busy-victim", Proc.self());
            self.send(new Ready(Proc.self()));
            // Busy in Java code, not in a Proc call: the kill must not wait for it.
            while (release.getCount() > 0) {
                Thread.onSpinWait();
            }
            interrupted.set(Thread.currentThread().isInterrupted());
            try {
                Proc.send(self, new Outcome("sent after death"));
                self.send(new Outcome("not thrown"));
            } catch (ProcessExit e) {
                ProcessCore.of(self).deliver(new Outcome(e.reason()));
            }
        });
        Await.message(Ready.class);
        Proc.link(busy);
        Ref watch = Proc.monitor(busy);
        Proc.exit(busy, ExitReason.KILL);

        assertFalse(Proc.isAlive(busy));
        assertEquals(Optional.empty(), Proc.whereis("busy-victim"));
        assertEquals(new Exit(busy, ExitReason.KILLED), Proc.receive(Exit.class, 0).orElseThrow());
        assertEquals(ExitReason.KILLED, Proc.receive(Down.class, d -> d.ref().equals(watch), 0).orElseThrow().reason());
        assertFalse(Proc.processes().contains(busy));

        release.countDown();
        assertEquals(new Outcome(ExitReason.KILLED), Await.message(Outcome.class));
        assertTrue(interrupted.get(), "the killed thread was interrupted");
    }

    @Test
    void aKilledProcessBlockedInReceiveWakesAndUnwinds() {
        Pid self = Proc.self();
        Pid blocked = Proc.spawn(() -> {
            try {
                self.send(new Ready(Proc.self()));
                Proc.receive();
            } catch (ProcessExit e) {
                ProcessCore.of(self).deliver(new Outcome(e.reason()));
                ProcessCore.of(self).deliver(new Outcome(Thread.currentThread().isInterrupted()));
                throw e;
            }
        });
        Await.message(Ready.class);
        Proc.exit(blocked, ExitReason.KILL);
        assertEquals(new Outcome(ExitReason.KILLED), Await.message(Outcome.class));
        assertEquals(new Outcome(false), Await.message(Outcome.class), "the ProcessExit clears the interrupt it caused");
    }

    @Test
    void everyProcCallOfAKilledProcessThrowsProcessExit() {
        Pid self = Proc.self();
        Pid victim = Proc.spawn(() -> {
            try {
                self.send(new Ready(Proc.self()));
                Proc.receive();
            } catch (ProcessExit first) {
                int thrown = 0;
                Runnable[] calls = {
                    Proc::self, Proc::receive, () -> Proc.send(self, "x"), () -> Proc.spawn(() -> {}),
                    () -> Proc.link(self), () -> Proc.monitor(self), () -> Proc.trapExit(true), Proc::flush,
                };
                for (Runnable call : calls) {
                    try {
                        call.run();
                    } catch (ProcessExit again) {
                        thrown++;
                    }
                }
                ProcessCore.of(self).deliver(new Outcome(thrown));
            }
        });
        Await.message(Ready.class);
        Ref watch = Proc.monitor(victim);
        Proc.exit(victim, ExitReason.KILL);
        Await.down(watch);
        assertEquals(new Outcome(8), Await.message(Outcome.class));
        assertEquals(Optional.empty(), Proc.receive(String.class, 0));
    }

    @Test
    void exitOfSelfUnwindsAndTheProcessEndsWithItsReason() {
        Spawned s = Proc.spawnMonitor(() -> {
            Proc.exit("done with it");
            throw new AssertionError("exit returned");
        });
        assertEquals("done with it", Await.down(s.ref()).reason());
    }

    @Test
    void catchingProcessExitFromExitKeepsTheProcessAlive() {
        Pid self = Proc.self();
        Pid p = Proc.spawn(() -> {
            try {
                Proc.exit("caught");
            } catch (ProcessExit e) {
                self.send(new Outcome(e.reason()));
            }
            self.send(new Outcome(Proc.isAlive(Proc.self())));
        });
        assertEquals(new Outcome("caught"), Await.message(Outcome.class));
        assertEquals(new Outcome(true), Await.message(Outcome.class));
        assertTrue(p.toString().startsWith("<0."));
    }

    @Test
    void exitWithKillToItselfThrowsAndEndsWithKilled() {
        Spawned s = Proc.spawnMonitor(() -> Proc.exit(Proc.self(), ExitReason.KILL));
        assertEquals(ExitReason.KILLED, Await.down(s.ref()).reason());
    }

    @Test
    void aLongChainOfLinkedProcessesDiesFromOneEnd() {
        int length = 20_000;
        Pid self = Proc.self();
        Pid head = Proc.spawn(Await.forever());
        Pid previous = head;
        for (int i = 0; i < length; i++) {
            Pid peer = previous;
            previous = Proc.spawn(() -> {
                Proc.link(peer);
                self.send(new Ready(Proc.self()));
                Proc.receive(m -> false);
            });
            Await.message(Ready.class);
        }
        Ref tail = Proc.monitor(previous);
        Proc.exit(head, "chain");
        assertEquals("chain", Await.down(tail).reason());
    }

    @Test
    void exitToADeadProcessIsIgnored() {
        Spawned s = Proc.spawnMonitor(() -> {});
        Await.down(s.ref());
        Proc.exit(s.pid(), ExitReason.KILL);
        assertFalse(Proc.isAlive(s.pid()));
        assertTrue(Proc.isAlive(Proc.self()));
    }
}
