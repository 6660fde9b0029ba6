package dev.otpnet.internal.conn;

import dev.otpnet.inet.Inet;
import java.util.concurrent.TimeUnit;

/**
 * When a blocking socket call gives up: Erlang's time-out in milliseconds, where
 * {@link Inet#INFINITY} (or anything too large to add to the clock) never expires.
 */
public record Deadline(long atNanos) {
    private static final long NEVER = Long.MAX_VALUE;

    /** The deadline {@code timeoutMillis} from now. */
    public static Deadline after(long timeoutMillis) {
        return new Deadline(timeoutMillis >= NEVER / 2_000_000 ? NEVER
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
    }

    /** Nanoseconds left (at most 0 once passed); {@code Long.MAX_VALUE} for a deadline that never comes. */
    public long remainingNanos() {
        return atNanos == NEVER ? NEVER : atNanos - System.nanoTime();
    }
}
