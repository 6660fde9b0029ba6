package dev.otpnet.process;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a generous deadline passes; never a fixed sleep. */
public final class Await {

    /** Far longer than any correct run needs; reached only when the behaviour under test is broken. */
    public static final Duration DEADLINE = Duration.ofSeconds(10);

    /** A receive timeout for a message that must come: reached only when it never does. */
    public static final long MUST_ARRIVE_MS = DEADLINE.toMillis();

    private Await() {}

    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("Gave up waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Receives a message of {@code type} that must arrive. */
    public static <T> T message(Class<T> type) {
        return Proc.receive(type, MUST_ARRIVE_MS)
                .orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " arrived"));
    }

    /** The {@link Down} for {@code ref}, which must arrive. */
    public static Down down(Ref ref) {
        return Proc.receive(Down.class, d -> d.ref().equals(ref), MUST_ARRIVE_MS)
                .orElseThrow(() -> new AssertionError("No Down for " + ref + " arrived"));
    }

    /** The {@link Exit} from {@code from}, which must arrive. */
    public static Exit exitFrom(Pid from) {
        return Proc.receive(Exit.class, e -> e.from().equals(from), MUST_ARRIVE_MS)
                .orElseThrow(() -> new AssertionError("No Exit from " + from + " arrived"));
    }

    /** A process that waits for nothing until it is killed. */
    public static Body forever() {
        return () -> Proc.receive(m -> false);
    }
}
