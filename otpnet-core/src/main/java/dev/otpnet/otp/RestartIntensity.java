package dev.otpnet.otp;

import java.time.InstantSource;
import java.util.ArrayDeque;

/**
 * The supervisor's restart intensity: remembers when the last restarts happened and says whether
 * one more stays within {@code intensity} restarts per {@code period}. As Erlang's
 * {@code add_restart}: a restart exactly one period old still counts.
 */
final class RestartIntensity {

    private final int intensity;
    private final long periodMs;
    private final InstantSource clock;
    private final ArrayDeque<Long> restarts = new ArrayDeque<>();

    RestartIntensity(SupFlags flags) {
        this.intensity = flags.intensity();
        this.periodMs = flags.period().toMillis();
        this.clock = flags.clock();
    }

    /** Records a restart now; returns false if that makes more than {@code intensity} within the period. */
    boolean allow() {
        long now = clock.millis();
        restarts.addLast(now);
        long threshold = now - periodMs;
        while (!restarts.isEmpty() && restarts.peekFirst() < threshold) {
            restarts.removeFirst();
        }
        return restarts.size() <= intensity;
    }

    int intensity() {
        return intensity;
    }

    long periodMs() {
        return periodMs;
    }
}
