package dev.otpnet.otp;

import java.util.Objects;

/**
 * What a {@link GenServer}'s {@code init} returns: Erlang's {@code {ok, State}},
 * {@code {ok, State, Timeout | hibernate | {continue, Term}}}, {@code ignore} or
 * {@code {stop, Reason}}.
 *
 * <p>{@code start} returns only once {@code init} has returned: with the pid after {@link Ok},
 * by throwing {@link OtpException} after the others ({@link Atom#IGNORE} for {@link Ignore}, the
 * reason for {@link Stop}). After {@link Stop} the server exits with the reason, which kills a
 * linked caller that does not trap exits, as in Erlang; {@code terminate} is not called.
 *
 * @param <S> the server's state
 */
public sealed interface Init<S> {

    /** {@code {ok, State}} and its variants. */
    record Ok<S>(S state, Then then) implements Init<S> {
        public Ok {
            Objects.requireNonNull(then, "then");
        }
    }

    /** {@code ignore}: the server exits {@code normal}. */
    record Ignore<S>() implements Init<S> {}

    /** {@code {stop, Reason}}. */
    record Stop<S>(Object reason) implements Init<S> {
        public Stop {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** {@code {ok, State}}. */
    static <S> Init<S> ok(S state) {
        return new Ok<>(state, Then.NONE);
    }

    /** {@code {ok, State, Timeout}}: {@code ok(socket, 0)} is the walk-through's {@code {:ok, sock, 0}}. */
    static <S> Init<S> ok(S state, long timeoutMs) {
        return new Ok<>(state, Then.timeout(timeoutMs));
    }

    /** {@code {ok, State, hibernate | {continue, Term}}}. */
    static <S> Init<S> ok(S state, Then then) {
        return new Ok<>(state, then);
    }

    /** {@code ignore}. */
    static <S> Init<S> ignore() {
        return new Ignore<>();
    }

    /** {@code {stop, Reason}}. */
    static <S> Init<S> stop(Object reason) {
        return new Stop<>(reason);
    }
}
