package dev.otpnet.otp;

import java.util.Locale;

/**
 * When a {@link Supervisor} restarts a child that exited.
 *
 * <ul>
 *   <li>{@link #PERMANENT}: always.
 *   <li>{@link #TRANSIENT}: only after an abnormal exit: not after {@code normal}, {@code shutdown}
 *       or {@code {shutdown, Info}} ({@link ShutdownWith}).
 *   <li>{@link #TEMPORARY}: never; the child's spec is forgotten when it exits. The walk-through's
 *       connection handlers are temporary: a connection that fails is not reopened by the server.
 * </ul>
 */
public enum Restart {
    PERMANENT,
    TRANSIENT,
    TEMPORARY;

    private final String atom = name().toLowerCase(Locale.ROOT);

    /** Whether a child that exited with {@code reason} is restarted. */
    public boolean restarts(Object reason) {
        return switch (this) {
            case PERMANENT -> true;
            case TRANSIENT -> !OtpLog.isOrderly(reason);
            case TEMPORARY -> false;
        };
    }

    @Override
    public String toString() {
        return atom;
    }
}
