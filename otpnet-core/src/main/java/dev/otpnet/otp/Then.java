package dev.otpnet.otp;

import dev.otpnet.process.Proc;
import java.util.Objects;

/**
 * What a {@link GenServer} does after a callback, before waiting for its next message: the last
 * element of Erlang's {@code {noreply, State, Timeout | hibernate | {continue, Term}}}.
 *
 * <ul>
 *   <li>{@link #NONE}: wait for the next message, as long as it takes.
 *   <li>{@link #timeout(long) timeout(ms)}: if no message comes within {@code ms} milliseconds,
 *       {@code handleInfo} gets {@link Atom#TIMEOUT}. {@code 0} means "as soon as the mailbox is
 *       empty", which is how the walk-through's handler starts accepting right after
 *       {@code init}. Any message cancels it.
 *   <li>{@link #HIBERNATE}: accepted and a no-op. Erlang compacts the heap of a hibernating
 *       process; a virtual thread parked in {@code receive} already holds only its stack.
 *   <li>{@link #continueWith(Object) continueWith(term)}: call {@code handleContinue(term, state)}
 *       before any message, so an {@code init} can return at once and finish its work in the
 *       server's own loop.
 * </ul>
 */
public sealed interface Then {

    /** No timeout. */
    record None() implements Then {}

    /** Erlang's integer timeout. */
    record Timeout(long ms) implements Then {
        public Timeout {
            if (ms < 0) {
                throw new IllegalArgumentException("A timeout must be 0 or more milliseconds, not " + ms + ".");
            }
        }
    }

    /** {@code hibernate}. */
    record Hibernate() implements Then {}

    /** {@code {continue, Term}}. */
    record Continue(Object term) implements Then {
        public Continue {
            Objects.requireNonNull(term, "term");
        }
    }

    Then NONE = new None();
    Then HIBERNATE = new Hibernate();

    /** {@code Timeout}; {@link Proc#INFINITY} is the same as {@link #NONE}. */
    static Then timeout(long ms) {
        return ms == Proc.INFINITY ? NONE : new Timeout(ms);
    }

    /** {@code {continue, Term}}. */
    static Then continueWith(Object term) {
        return new Continue(term);
    }
}
