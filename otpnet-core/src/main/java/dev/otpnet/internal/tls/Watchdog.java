package dev.otpnet.internal.tls;

import dev.otpnet.internal.time.Deadline;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A deadline for a blocking operation: when it expires it runs an action (aborting the wire the
 * operation blocks on) and remembers that it fired, so the failure that follows can be reported
 * as {@code timeout}. Closing it before the deadline disarms it. One shared daemon timer thread
 * serves every deadline.
 */
final class Watchdog implements AutoCloseable {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledFuture<?> task;

    private Watchdog(Deadline deadline, Runnable onExpiry) {
        this.task = deadline.isInfinite() ? null : TIMER.schedule(() -> {
            fired.set(true);
            onExpiry.run();
        }, Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
    }

    /**
     * Arms a deadline {@code timeoutMs} from now; {@link Deadline#INFINITY} arms none.
     *
     * @throws IllegalArgumentException for a negative time-out
     */
    static Watchdog arm(long timeoutMs, Runnable onExpiry) {
        return new Watchdog(Deadline.after(timeoutMs), onExpiry);
    }

    boolean fired() {
        return fired.get();
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "otpnet-tls-deadlines");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
