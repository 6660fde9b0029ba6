package dev.otpnet.otp;

import java.util.Locale;

/**
 * What a {@link Supervisor} restarts when a child dies.
 *
 * <ul>
 *   <li>{@link #ONE_FOR_ONE}: only that child.
 *   <li>{@link #ONE_FOR_ALL}: all children: the others are stopped (in reverse start order), then
 *       all are started again in order. For children that cannot work without each other.
 *   <li>{@link #REST_FOR_ONE}: that child and the ones started after it (which depend on it):
 *       those are stopped in reverse order, then all of them started again in order.
 *   <li>{@link #SIMPLE_ONE_FOR_ONE}: as {@code one_for_one}, for many children of one kind started
 *       on demand with {@link Supervisor#startChild(Pid, java.util.List)}, such as one per
 *       connection. The supervisor's child list is then a single template spec; children are
 *       named by their pids and stopped all at once, not in order.
 * </ul>
 */
public enum Strategy {
    ONE_FOR_ONE,
    ONE_FOR_ALL,
    REST_FOR_ONE,
    SIMPLE_ONE_FOR_ONE;

    private final String atom = name().toLowerCase(Locale.ROOT);

    @Override
    public String toString() {
        return atom;
    }
}
