package dev.otpnet.internal.tls;

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
    /** Erlang's {@code infinity}. */
    static final long INFINITY = Long.MAX_VALUE;

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledFuture<?> task;

    private Watchdog(long timeoutMs, Runnable onExpiry) {
        this.task = timeoutMs == INFINITY ? null : TIMER.schedule(() -> {
            fired.set(true);
            onExpiry.run();
        }, timeoutMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Arms a deadline {@code timeoutMs} from now; {@link #INFINITY} arms none.
     *
     * @throws IllegalArgumentException for a negative time-out
     */
    static Watchdog arm(long timeoutMs, Runnable onExpiry) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("a time-out must be 0 or more milliseconds (or INFINITY), not " + timeoutMs);
        }
        return new Watchdog(timeoutMs, onExpiry);
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
