package dev.otpnet.otp;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * A supervisor's flags: its {@link Strategy} and its restart intensity.
 *
 * <p>If more than {@code intensity} restarts happen within {@code period}, the supervisor gives
 * up: it stops all its children, in reverse start order, and exits with {@code shutdown}, passing
 * the failure to its own supervisor. Erlang's defaults: intensity 1, period 5 s.
 *
 * <p>{@code clock} measures the period. It is the system clock unless a test injects its own
 * ({@link #withClock(InstantSource)}), so that intensity is tested by moving a clock, not by
 * sleeping.
 *
 * <pre>{@code
 * // %{strategy: :simple_one_for_one, intensity: 1, period: 5}
 * SupFlags flags = SupFlags.of(Strategy.SIMPLE_ONE_FOR_ONE).withIntensity(1).withPeriod(Duration.ofSeconds(5));
 * }</pre>
 *
 * @param strategy what is restarted when a child dies
 * @param intensity the most restarts allowed within {@code period}; 0 or more
 * @param period the sliding window; positive
 * @param clock where time comes from
 */
public record SupFlags(Strategy strategy, int intensity, Duration period, InstantSource clock) {

    public SupFlags {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(clock, "clock");
        if (intensity < 0) {
            throw new IllegalArgumentException("A supervisor's intensity must be 0 or more, not " + intensity + ".");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A supervisor's period must be positive, not " + period + ".");
        }
    }

    /** {@code strategy} with Erlang's default intensity (1) and period (5 s), on the system clock. */
    public static SupFlags of(Strategy strategy) {
        return new SupFlags(strategy, 1, Duration.ofSeconds(5), InstantSource.system());
    }

    public SupFlags withStrategy(Strategy strategy) {
        return new SupFlags(strategy, intensity, period, clock);
    }

    public SupFlags withIntensity(int intensity) {
        return new SupFlags(strategy, intensity, period, clock);
    }

    public SupFlags withPeriod(Duration period) {
        return new SupFlags(strategy, intensity, period, clock);
    }

    public SupFlags withClock(InstantSource clock) {
        return new SupFlags(strategy, intensity, period, clock);
    }

    @Override
    public String toString() {
        return "#{strategy => " + strategy + ", intensity => " + intensity + ", period => " + period.toMillis() + "ms}";
    }
}
