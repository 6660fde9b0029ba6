package dev.otpnet.otp;

import java.util.Locale;

/**
 * Whether a child is a {@code worker} or a {@code supervisor} itself. It changes the default
 * {@link Shutdown} ({@code 5000} ms for a worker, {@code infinity} for a supervisor, which needs
 * the time to stop its own children) and what {@link Supervisor#countChildren} counts.
 */
public enum ChildType {
    WORKER,
    SUPERVISOR;

    private final String atom = name().toLowerCase(Locale.ROOT);

    @Override
    public String toString() {
        return atom;
    }
}
