package dev.otpnet.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.process.Await;
import dev.otpnet.process.Down;
import dev.otpnet.process.Exit;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.Ref;
import dev.otpnet.process.Spawned;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hooks the socket layer builds on. */
class ProcessCoreTest {

    record Note(String text) {}

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    @Test
    void ofAPidGivesItsCoreAndADeadPidGivesItsDeadCore() {
        Spawned s = Proc.spawnMonitor(Await.forever());
        ProcessCore core = ProcessCore.of(s.pid());
        assertEquals(s.pid(), core.pid());
        assertTrue(core.isAlive());
        Proc.exit(s.pid(), ExitReason.KILL);
        assertSame(core, ProcessCore.of(s.pid()));
        assertFalse(ProcessCore.of(s.pid()).isAlive());
    }

    @Test
    void currentIsTheCallersProcess() {
        assertEquals(Proc.self(), ProcessCore.current().pid());
        Pid self = Proc.self();
        Proc.spawn(() -> ProcessCore.of(self).deliver(new Note(ProcessCore.current().pid().toString())));
        assertTrue(Await.message(Note.class).text().startsWith("<0."));
    }

    @Test
    void deliverQueuesAMessageAndDropsItForADeadProcess() {
        ProcessCore.current().deliver(new Note("delivered"));
        assertEquals(new Note("delivered"), Proc.receive());
        Spawned s = Proc.spawnMonitor(() -> {});
        Await.down(s.ref());
        ProcessCore.of(s.pid()).deliver(new Note("dropped"));
        assertEquals(0, Proc.messageQueueLen(s.pid()));
    }

    @Test
    void exitHooksRunAtSignalTimeOnceWithTheReason() {
        Pid self = Proc.self();
        Pid victim = Proc.spawn(() -> {
            self.send(new Note("spinning"));
            // Busy in Java code, not in a Proc call: the hooks must not wait for it. The kill's
            // interrupt ends the loop.
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
        });
        assertEquals(new Note("spinning"), Await.message(Note.class));
        List<Object> ran = new CopyOnWriteArrayList<>();
        ProcessCore.of(victim).onExit(ran::add);
        ProcessCore.of(victim).onExit(reason -> ran.add("second " + reason));
        Proc.exit(victim, ExitReason.KILL);
        assertEquals(List.of(ExitReason.KILLED, "second killed"), ran);
        Proc.exit(victim, ExitReason.KILL);
        assertEquals(2, ran.size());
    }

    @Test
    void exitHooksRunBeforeLinksAndMonitorsAreSignalled() {
        Proc.trapExit(true);
        try {
            Pid victim = Proc.spawn(Await.forever());
            Proc.link(victim);
            Ref ref = Proc.monitor(victim);
            AtomicInteger queuedWhenHookRan = new AtomicInteger(-1);
            Pid self = Proc.self();
            ProcessCore.of(victim).onExit(reason -> queuedWhenHookRan.set(Proc.messageQueueLen(self)));
            Proc.exit(victim, "stop");
            assertEquals(0, queuedWhenHookRan.get());
            assertEquals(new Exit(victim, "stop"), Await.exitFrom(victim));
            assertEquals("stop", Await.down(ref).reason());
        } finally {
            Proc.trapExit(false);
        }
    }

    @Test
    void aHookRegisteredOnADeadProcessRunsAtOnce() {
        Spawned s = Proc.spawnMonitor(() -> Proc.exit("over"));
        Await.down(s.ref());
        AtomicReference<Object> seen = new AtomicReference<>();
        ProcessCore.of(s.pid()).onExit(seen::set);
        assertEquals("over", seen.get());
    }

    @Test
    void aCancelledHookNeverRunsAndCancelIsIdempotent() {
        Pid p = Proc.spawn(Await.forever());
        AtomicInteger runs = new AtomicInteger();
        ExitHook hook = ProcessCore.of(p).onExit(reason -> runs.incrementAndGet());
        hook.cancel();
        hook.cancel();
        Proc.exit(p, ExitReason.KILL);
        assertEquals(0, runs.get());
        hook.cancel();
    }

    @Test
    void aThrowingHookStopsNeitherOtherHooksNorSignals() {
        Pid p = Proc.spawn(Await.forever());
        Ref ref = Proc.monitor(p);
        AtomicInteger after = new AtomicInteger();
        ProcessCore.of(p).onExit(reason -> {
            throw new IllegalStateException("hook failure (expected by the test)");
        });
        ProcessCore.of(p).onExit(reason -> after.incrementAndGet());
        Proc.exit(p, ExitReason.KILL);
        assertEquals(1, after.get());
        assertEquals(ExitReason.KILLED, Await.down(ref).reason());
    }

    @Test
    void aHookOfANormalExitGetsNormal() {
        Pid self = Proc.self();
        Spawned s = Proc.spawnMonitor(() -> {
            ProcessCore.current().onExit(reason -> ProcessCore.of(self).deliver(new Note("hook " + reason)));
        });
        Await.down(s.ref());
        assertEquals(new Note("hook normal"), Await.message(Note.class));
    }

    @Test
    void transferMessagesMovesOnlyMatchingMessagesInOrder() {
        Pid self = Proc.self();
        Pid target = Proc.spawn(() -> {
            Proc.receive(m -> m.equals("go"));
            ProcessCore.of(self).deliver(List.copyOf(Proc.flush()));
        });
        ProcessCore.of(target).deliver("already there");
        List.of(1, "a", 2, "b", 3).forEach(Proc.self()::send);
        Proc.receive(m -> false, 0); // some now sit in the save queue
        Proc.self().send(4);
        Proc.self().send("c");

        int moved = ProcessCore.current().transferMessages(m -> m instanceof Integer, ProcessCore.of(target));
        assertEquals(4, moved);
        assertEquals(List.of("a", "b", "c"), Proc.flush());
        target.send("go");
        @SuppressWarnings("unchecked")
        List<Object> arrived = (List<Object>) Proc.receive(List.class, Await.MUST_ARRIVE_MS).orElseThrow();
        assertEquals(List.of("already there", 1, 2, 3, 4), arrived);
    }

    @Test
    void transferMessagesIsForTheOwnerThreadOnly() {
        Pid p = Proc.spawn(Await.forever());
        assertThrows(IllegalStateException.class,
                () -> ProcessCore.of(p).transferMessages(m -> true, ProcessCore.current()));
        Proc.exit(p, ExitReason.KILL);
    }

    @Test
    void transferMessagesToADeadProcessDropsThem() {
        Spawned s = Proc.spawnMonitor(() -> {});
        Await.down(s.ref());
        Proc.self().send("gone");
        assertEquals(1, ProcessCore.current().transferMessages(m -> true, ProcessCore.of(s.pid())));
        assertEquals(Optional.empty(), Proc.receive(0));
    }

    @Test
    void aDownForAMonitorTakenAtSpawnUsesItsRef() {
        Spawned s = Proc.spawnMonitor(() -> {});
        Down down = Await.down(s.ref());
        assertEquals(s.pid(), down.pid());
    }
}
