package dev.otpnet.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    record Seen(Pid self, boolean virtual) {}

    /** Keeps the records logged by the process module (System.Logger goes to java.util.logging). */
    private static final class Capture extends Handler {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        List<LogRecord> about(Pid pid) {
            return records.stream().filter(r -> r.getMessage().contains(pid.toString())).toList();
        }
    }

    private final Logger logger = Logger.getLogger("dev.otpnet.process");
    private final Capture capture = new Capture();

    @BeforeEach
    void capture() {
        Proc.flush();
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    @Test
    void spawnRunsTheBodyInANewProcessOnAVirtualThread() {
        Pid parent = Proc.self();
        Pid child = Proc.spawn(() -> parent.send(new Seen(Proc.self(), Thread.currentThread().isVirtual())));
        Seen seen = Await.message(Seen.class);
        assertEquals(child, seen.self());
        assertNotEquals(parent, child);
        assertTrue(seen.virtual());
    }

    @Test
    void aBodyThatReturnsExitsNormal() {
        Spawned s = Proc.spawnMonitor(() -> {});
        assertEquals(ExitReason.NORMAL, Await.down(s.ref()).reason());
        assertFalse(Proc.isAlive(s.pid()));
        assertTrue(capture.about(s.pid()).isEmpty());
    }

    @Test
    void aCrashExitsWithACrashCarryingTheExceptionAndIsLoggedOnce() {
        IllegalStateException boom = new IllegalStateException("boom");
        Spawned s = Proc.spawnMonitor(() -> {
            throw boom;
        });
        Crash crash = assertInstanceOf(Crash.class, Await.down(s.ref()).reason());
        assertSame(boom, crash.exception());
        assertEquals("{java.lang.IllegalStateException,\"boom\"}", crash.reason());
        assertTrue(crash.toString().startsWith("{error,{java.lang.IllegalStateException,\"boom\"},[{dev.otpnet.process.LifecycleTest,"),
                crash.toString());
        Await.until("the crash is logged", () -> !capture.about(s.pid()).isEmpty());
        List<LogRecord> logged = capture.about(s.pid());
        assertEquals(1, logged.size());
        assertEquals(Level.WARNING, logged.get(0).getLevel());
        assertSame(boom, logged.get(0).getThrown());
    }

    @Test
    void aBodyMayThrowACheckedExceptionWhichEndsItAsACrash() {
        java.io.IOException refused = new java.io.IOException("econnrefused");
        Spawned s = Proc.spawnMonitor(() -> {
            throw refused;
        });
        Crash crash = assertInstanceOf(Crash.class, Await.down(s.ref()).reason());
        assertSame(refused, crash.exception());
        assertEquals("error", crash.kind());
        assertEquals("{java.io.IOException,\"econnrefused\"}", crash.reason());
        assertFalse(crash.stacktrace().isEmpty());
        Await.until("the crash is logged", () -> !capture.about(s.pid()).isEmpty());
    }

    @Test
    void linkedProcessesKilledByACrashAreNotLoggedAgain() {
        Pid self = Proc.self();
        Spawned linked = Proc.spawnMonitor(() -> {
            self.send(Proc.spawnLink(() -> {
                Proc.receive(m -> m.equals("crash now"));
                throw new IllegalStateException("origin");
            }));
            Proc.receive(m -> false);
        });
        Pid origin = Await.message(Pid.class);
        origin.send("crash now");
        assertInstanceOf(Crash.class, Await.down(linked.ref()).reason());
        Await.until("the origin is logged", () -> !capture.about(origin).isEmpty());
        assertTrue(capture.about(linked.pid()).isEmpty());
    }

    @Test
    void anExitOrAKillIsNotLogged() {
        Spawned exits = Proc.spawnMonitor(() -> Proc.exit("on purpose"));
        Pid self = Proc.self();
        Spawned killed = Proc.spawnMonitor(() -> {
            try {
                self.send("receiving");
                Proc.receive();
            } catch (ProcessExit e) {
                throw new IllegalStateException("thrown while unwinding from a kill", e);
            }
        });
        assertEquals("receiving", Await.message(String.class));
        Proc.exit(killed.pid(), ExitReason.KILL);
        Await.down(exits.ref());
        Await.down(killed.ref());
        Ref last = Proc.spawnMonitor(() -> {
            throw new IllegalStateException("marker");
        }).ref();
        Await.down(last);
        Await.until("the marker crash is logged", () -> capture.records.stream().anyMatch(r -> r.getThrown() != null
                && "marker".equals(r.getThrown().getMessage())));
        assertTrue(capture.about(exits.pid()).isEmpty());
        assertTrue(capture.about(killed.pid()).isEmpty());
    }

    @Test
    void pidsAndRefsCompareByValueAndPrintAsErlangDoes() {
        Pid a = Proc.spawn(() -> {});
        Pid b = Proc.spawn(() -> {});
        assertTrue(a.toString().matches("<0\\.\\d+\\.0>"), a.toString());
        assertNotEquals(a, b);
        assertTrue(a.compareTo(b) < 0);
        Ref r = Proc.makeRef();
        assertTrue(r.toString().matches("#Ref<0\\.0\\.0\\.\\d+>"), r.toString());
        assertNotEquals(r, Proc.makeRef());
        assertEquals(r, r);
        assertEquals(r.hashCode(), r.hashCode());
    }

    @Test
    void exitReasonsAndMessagesPrintAsErlangTerms() {
        assertEquals("normal", ExitReason.NORMAL.toString());
        assertEquals("noconnection", ExitReason.NOCONNECTION.toString());
        Pid p = Proc.self();
        assertEquals("{'EXIT'," + p + ",killed}", new Exit(p, ExitReason.KILLED).toString());
        Ref r = Proc.makeRef();
        assertEquals("{'DOWN'," + r + ",process," + p + ",noproc}", new Down(r, p, ExitReason.NOPROC).toString());
        RuntimeException bare = new RuntimeException();
        bare.setStackTrace(new StackTraceElement[] {new StackTraceElement("a.B", "c", "B.java", 7)});
        assertEquals("{error,{java.lang.RuntimeException,undefined},[{a.B,c,\"B.java\",7}]}", new Crash(bare).toString());
    }

    @Test
    void processesListsLiveProcessesOnly() {
        Pid live = Proc.spawn(Await.forever());
        assertTrue(Proc.processes().contains(live));
        Proc.exit(live, ExitReason.KILL);
        assertFalse(Proc.processes().contains(live));
    }
}
