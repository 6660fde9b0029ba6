package dev.otpnet.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    /** The registry is global: each test uses names nobody else uses. */
    private static String freshName() {
        return "registry-test-" + NAMES.incrementAndGet();
    }

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    @Test
    void aRegisteredNameFindsItsProcessUntilUnregistered() {
        String name = freshName();
        Pid p = Proc.spawn(Await.forever());
        Proc.register(name, p);
        assertEquals(Optional.of(p), Proc.whereis(name));
        assertTrue(Proc.registered().contains(name));
        Proc.unregister(name);
        assertEquals(Optional.empty(), Proc.whereis(name));
        assertFalse(Proc.registered().contains(name));
        Proc.register(name, p);
        Proc.exit(p, ExitReason.KILL);
    }

    @Test
    void sendByNameReachesTheRegisteredProcess() {
        String name = freshName();
        Proc.register(name, Proc.self());
        try {
            Proc.send(name, "by name");
            assertEquals("by name", Proc.receive());
        } finally {
            Proc.unregister(name);
        }
    }

    @Test
    void sendingToAnUnknownNameIsBadarg() {
        var e = assertThrows(IllegalArgumentException.class, () -> Proc.send(freshName(), "lost"));
        assertTrue(e.getMessage().contains("no process is registered"), e.getMessage());
    }

    @Test
    void registeringATakenNameIsBadarg() {
        String name = freshName();
        Pid first = Proc.spawn(Await.forever());
        Pid second = Proc.spawn(Await.forever());
        Proc.register(name, first);
        assertThrows(IllegalArgumentException.class, () -> Proc.register(name, second));
        assertEquals(Optional.of(first), Proc.whereis(name));
        Proc.exit(first, ExitReason.KILL);
        Proc.exit(second, ExitReason.KILL);
    }

    @Test
    void registeringADeadProcessIsBadarg() {
        Spawned s = Proc.spawnMonitor(() -> {});
        Await.down(s.ref());
        String name = freshName();
        assertThrows(IllegalArgumentException.class, () -> Proc.register(name, s.pid()));
        assertEquals(Optional.empty(), Proc.whereis(name));
    }

    @Test
    void aProcessHasAtMostOneName() {
        String name = freshName();
        Pid p = Proc.spawn(Await.forever());
        Proc.register(name, p);
        assertThrows(IllegalArgumentException.class, () -> Proc.register(freshName(), p));
        Proc.exit(p, ExitReason.KILL);
    }

    @Test
    void unregisteringAnUnknownNameIsBadarg() {
        assertThrows(IllegalArgumentException.class, () -> Proc.unregister(freshName()));
    }

    @Test
    void aProcessLosesItsNameTheMomentItDies() {
        String name = freshName();
        Pid p = Proc.spawn(Await.forever());
        Proc.register(name, p);
        Proc.exit(p, ExitReason.KILL);
        assertEquals(Optional.empty(), Proc.whereis(name));
        Pid next = Proc.spawn(Await.forever());
        Proc.register(name, next);
        assertEquals(Optional.of(next), Proc.whereis(name));
        Proc.exit(next, ExitReason.KILL);
    }

    @Test
    void aNameFreedByUnregisterCanNameAnotherProcess() {
        String name = freshName();
        Pid p = Proc.spawn(Await.forever());
        Proc.register(name, p);
        Proc.unregister(name);
        Proc.register(freshName(), p);
        Pid q = Proc.spawn(Await.forever());
        Proc.register(name, q);
        assertEquals(Optional.of(q), Proc.whereis(name));
        Proc.exit(p, ExitReason.KILL);
        Proc.exit(q, ExitReason.KILL);
    }
}
