package dev.otpnet.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitorTest {

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    @Test
    void aMonitorDeliversDownWithTheExitReason() {
        Pid p = Proc.spawn(() -> Proc.exit(Proc.receive(String.class)));
        Ref ref = Proc.monitor(p);
        p.send("reason");
        assertEquals(new Down(ref, p, "reason"), Await.down(ref));
    }

    @Test
    void monitoringADeadProcessGivesDownNoprocAtOnce() {
        Spawned s = Proc.spawnMonitor(() -> {});
        Await.down(s.ref());
        Ref ref = Proc.monitor(s.pid());
        assertEquals(Optional.of(new Down(ref, s.pid(), ExitReason.NOPROC)), Proc.receive(Down.class, 0));
    }

    @Test
    void eachMonitorCallMakesItsOwnMonitor() {
        Pid p = Proc.spawn(Await.forever());
        Ref first = Proc.monitor(p);
        Ref second = Proc.monitor(p);
        assertNotEquals(first, second);
        Proc.exit(p, ExitReason.KILL);
        assertEquals(ExitReason.KILLED, Await.down(first).reason());
        assertEquals(ExitReason.KILLED, Await.down(second).reason());
    }

    @Test
    void aMonitorNeverKillsTheWatcher() {
        Pid self = Proc.self();
        Pid target = Proc.spawn(Await.forever());
        Spawned watcher = Proc.spawnMonitor(() -> {
            Ref ref = Proc.monitor(target);
            self.send("watching");
            self.send(Await.down(ref));
            Proc.receive(String.class);
        });
        assertEquals("watching", Proc.receive(String.class));
        Proc.exit(target, "crashed");
        assertEquals("crashed", Await.message(Down.class).reason());
        assertTrue(Proc.isAlive(watcher.pid()));
        watcher.pid().send("stop");
        assertEquals(ExitReason.NORMAL, Await.down(watcher.ref()).reason());
    }

    @Test
    void afterDemonitorNoDownComes() {
        Pid p = Proc.spawn(Await.forever());
        Ref ref = Proc.monitor(p);
        assertTrue(Proc.demonitor(ref));
        Ref other = Proc.monitor(p);
        Proc.exit(p, ExitReason.KILL);
        Await.down(other);
        assertEquals(Optional.empty(), Proc.receive(Down.class, d -> d.ref().equals(ref), 0));
    }

    @Test
    void demonitorWithFlushRemovesADownAlreadyQueued() {
        Pid self = Proc.self();
        Spawned s = Proc.spawnMonitor(() -> {});
        Ref other = Proc.monitor(Proc.spawn(() -> {}));
        Await.until("both Downs are queued", () -> Proc.messageQueueLen(self) >= 2);
        assertFalse(Proc.demonitor(s.ref(), true), "the monitor had fired");
        List<Object> downs = Proc.flush().stream().filter(m -> m instanceof Down).toList();
        assertEquals(1, downs.size());
        assertEquals(other, ((Down) downs.get(0)).ref());
    }

    @Test
    void demonitorWithoutFlushLeavesADownAlreadyQueued() {
        Pid self = Proc.self();
        Spawned s = Proc.spawnMonitor(() -> {});
        Await.until("the Down is queued", () -> Proc.messageQueueLen(self) >= 1);
        assertFalse(Proc.demonitor(s.ref()));
        assertEquals(s.ref(), Proc.receive(Down.class, 0).orElseThrow().ref());
    }

    @Test
    void spawnMonitorMonitorsBeforeTheBodyRuns() {
        Spawned s = Proc.spawnMonitor(() -> {
            throw new IllegalStateException("first thing");
        });
        Crash crash = (Crash) Await.down(s.ref()).reason();
        assertEquals("first thing", crash.exception().getMessage());
    }

    @Test
    void aDeadWatcherLeavesNoMonitorBehind() {
        Pid target = Proc.spawn(Await.forever());
        Spawned watcher = Proc.spawnMonitor(() -> Proc.monitor(target));
        Await.down(watcher.ref());
        Ref mine = Proc.monitor(target);
        Proc.exit(target, ExitReason.KILL);
        Await.down(mine);
        assertEquals(0, Proc.messageQueueLen(watcher.pid()));
    }
}
