package dev.otpnet.listener;

import dev.otpnet.process.Pid;
import java.util.List;
import java.util.Objects;

/**
 * Ranch 2.1's {@code alarms}: a callback when the number of live connections reaches a threshold,
 * at most once per cool-down. The callback runs in a process of its own, so a slow one never
 * delays the connection supervisor.
 *
 * @param name       the alarm's name, given back to the callback
 * @param threshold  fire when live connections are at least this many
 * @param cooldownMillis after firing, stay quiet this long (Ranch's default is 5000)
 * @param callback   what to do
 */
public record Alarm(String name, int threshold, long cooldownMillis, Callback callback) {

    /** Ranch's {@code fun(Ref, Name, ConnSup, ConnPids)}. */
    @FunctionalInterface
    public interface Callback {
        void fire(String listener, String alarm, Pid connsSup, List<Pid> connections);
    }

    public Alarm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(callback, "callback");
        if (threshold < 1) {
            throw new IllegalArgumentException("An alarm's threshold is 1 or more connections, not " + threshold + ".");
        }
        if (cooldownMillis < 0) {
            throw new IllegalArgumentException("An alarm's cool-down is 0 or more milliseconds, not "
                    + cooldownMillis + ".");
        }
    }

    /** With Ranch's default cool-down of 5 seconds. */
    public static Alarm numConnections(String name, int threshold, Callback callback) {
        return new Alarm(name, threshold, 5000, callback);
    }
}
