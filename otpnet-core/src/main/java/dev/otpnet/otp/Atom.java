package dev.otpnet.otp;

import java.util.Locale;

/**
 * The atoms the OTP behaviours send, return and exit with, printed as Erlang prints them.
 *
 * <ul>
 *   <li>{@link #TIMEOUT}: the message a {@link GenServer} gets in {@code handleInfo} when the
 *       timeout it asked for passes with no other message (the walk-through's
 *       {@code handle_info(:timeout, l)}), and the reason a {@code call} fails with when no reply
 *       comes in time.
 *   <li>{@link #IGNORE}: an {@code init} that returned {@code ignore}; {@code start} reports it as an
 *       {@link OtpException} with this reason, and a supervisor keeps such a child unstarted.
 *   <li>{@link #CALLING_SELF}: a server that calls itself would wait for ever; such a call fails at once.
 *   <li>The rest are the supervisor's {@code {error, Reason}} answers.
 * </ul>
 */
public enum Atom {
    TIMEOUT,
    IGNORE,
    CALLING_SELF,
    UNDEFINED,
    NOT_FOUND,
    RUNNING,
    RESTARTING,
    ALREADY_PRESENT,
    SIMPLE_ONE_FOR_ONE;

    private final String atom = name().toLowerCase(Locale.ROOT);

    /** The Erlang atom, lower case. */
    @Override
    public String toString() {
        return atom;
    }
}
