package dev.otpnet.process;

import java.util.Locale;

/**
 * The exit reasons that have a meaning of their own in Erlang, as atoms.
 *
 * <p>An exit reason can be any object, as in Erlang; these are the ones the runtime itself
 * produces or treats specially. {@link #toString()} prints the atom ({@code normal}, {@code kill}).
 *
 * <ul>
 *   <li>{@link #NORMAL}: the body returned. A {@code normal} exit signal does not kill a linked
 *       process that is not trapping exits.
 *   <li>{@link #KILL}: sent with {@link Proc#exit(Pid, Object)}, it cannot be trapped; the victim
 *       dies with {@link #KILLED}, which is what its links and monitors see.
 *   <li>{@link #NOPROC}: the process does not exist (a monitor or link on a dead pid).
 *   <li>{@link #SHUTDOWN}, {@link #NOCONNECTION}: used by supervisors and by distribution.
 * </ul>
 */
public enum ExitReason {
    NORMAL,
    KILL,
    KILLED,
    NOPROC,
    SHUTDOWN,
    NOCONNECTION;

    private final String atom = name().toLowerCase(Locale.ROOT);

    /** The Erlang atom, lower case. */
    @Override
    public String toString() {
        return atom;
    }
}
