package dev.otpnet.internal.time;

import java.util.concurrent.TimeUnit;

/**
 * The one time concept of the library: when a blocking call gives up.
 *
 * <p>Every call that can time out ({@code receive ... after}, {@code accept}, {@code connect},
 * {@code recv}, {@code send} with {@code send_timeout}, a TLS handshake) takes Erlang's time-out in
 * milliseconds, turns it into a {@code Deadline} once, at the start of the call, and asks the deadline
 * how much time is left at each step, so a call made of several waits (resolve, connect, handshake)
 * never waits longer in total than it was given. {@link #INFINITY} never expires. The clock is
 * {@link System#nanoTime()}, never the wall clock, so a change of the system time moves no deadline.
 *
 * <p>Immutable and thread-safe.
 */
public record Deadline(long atNanos) {

    /** Erlang's {@code infinity}: the time-out that never expires. The only definition in the library. */
    public static final long INFINITY = Long.MAX_VALUE;

    private static final long NEVER = Long.MAX_VALUE;
    private static final Deadline FOREVER = new Deadline(NEVER);

    /**
     * The deadline {@code timeoutMillis} from now; {@link #INFINITY} (or anything too large to add to
     * the clock) never expires.
     *
     * @throws IllegalArgumentException for a negative time-out
     */
    public static Deadline after(long timeoutMillis) {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException(
                    "A time-out is 0 or more milliseconds, or INFINITY, not " + timeoutMillis + ".");
        }
        return timeoutMillis >= NEVER / 2_000_000 ? FOREVER
                : new Deadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
    }

    /** The deadline that never comes. */
    public static Deadline never() {
        return FOREVER;
    }

    /** True for the deadline that never comes. */
    public boolean isInfinite() {
        return atNanos == NEVER;
    }

    /** Nanoseconds left (at most 0 once passed); {@code Long.MAX_VALUE} for a deadline that never comes. */
    public long remainingNanos() {
        return atNanos == NEVER ? NEVER : atNanos - System.nanoTime();
    }

    /**
     * Milliseconds left as a time-out to hand to the next step of a call: {@link #INFINITY} for a
     * deadline that never comes, 0 once passed, otherwise the time left rounded up (so a step is never
     * given 0, "do not wait", while a part of a millisecond remains).
     */
    public long remainingMillis() {
        if (atNanos == NEVER) {
            return INFINITY;
        }
        long nanos = atNanos - System.nanoTime();
        return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
    }

    /** True once the deadline has passed (never for {@link #never()}). */
    public boolean expired() {
        return atNanos != NEVER && atNanos - System.nanoTime() <= 0;
    }
}
