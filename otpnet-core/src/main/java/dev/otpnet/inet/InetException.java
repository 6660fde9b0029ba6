package dev.otpnet.inet;

import java.io.IOException;
import java.util.Objects;

/**
 * The one checked failure of every socket operation: Erlang's {@code {error, Reason}}.
 *
 * <p>{@link #reason()} is the atom (or structured term) an Erlang program would match on; the
 * message reads {@code "econnrefused: connection refused"}. Wrong arguments from the caller (an
 * unknown option, a negative time-out) are not reported this way but thrown at once as
 * {@link IllegalArgumentException}.
 */
public final class InetException extends IOException {
    private final transient Reason reason;

    public InetException(Reason reason) {
        this(reason, null, null);
    }

    public InetException(Reason reason, Throwable cause) {
        this(reason, null, cause);
    }

    /** With {@code detail} appended to the message (a file name, a host, a size). */
    public InetException(Reason reason, String detail, Throwable cause) {
        super(message(Objects.requireNonNull(reason, "reason"), detail), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    private static String message(Reason reason, String detail) {
        String text = reason instanceof InetError e ? e.explanation() : reason.text();
        return reason + ": " + text + (detail == null ? "" : " (" + detail + ")");
    }
}
