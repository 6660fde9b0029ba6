package dev.otpnet.otp;

import java.util.Objects;

/**
 * A behaviour function answered Erlang's {@code {error, Reason}}: a start that failed, or a
 * supervisor that refused a request.
 *
 * <p>{@link #reason()} is the term Erlang would return: {@link AlreadyStarted}, an
 * {@link Atom} such as {@code not_found} or {@code running}, the reason an {@code init} stopped
 * with, or the {@link dev.otpnet.process.Crash} it threw. {@code start} of a server whose
 * {@code init} returned {@code ignore} throws this with {@link Atom#IGNORE}; see
 * {@link #ignored()}.
 *
 * <p>Failures of the caller's own process are not this: a {@code call} that times out or whose
 * server died exits the caller with a {@link dev.otpnet.process.ProcessExit}, as in Erlang.
 */
public final class OtpException extends Exception {

    private final transient Object reason;

    /** An error with {@code reason}, which can be any object. */
    public OtpException(Object reason) {
        super("{error," + Objects.requireNonNull(reason, "reason") + "}");
        this.reason = reason;
    }

    /** The Erlang reason. */
    public Object reason() {
        return reason;
    }

    /** Whether the start did not fail but was declined: {@code init} returned {@code ignore}. */
    public boolean ignored() {
        return reason == Atom.IGNORE;
    }
}
