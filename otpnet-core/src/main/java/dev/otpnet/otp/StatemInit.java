package dev.otpnet.otp;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link GenStatem}'s {@code init} returns: {@code {ok, State, Data, Actions}},
 * {@code ignore} or {@code {stop, Reason}}, with the same meaning for {@code start} as
 * {@link Init} has for a {@link GenServer}.
 *
 * @param <St> the state
 * @param <D> the data
 */
public sealed interface StatemInit<St, D> {

    record Ok<St, D>(St state, D data, List<Action> actions) implements StatemInit<St, D> {
        public Ok {
            Objects.requireNonNull(state, "state");
            actions = List.copyOf(actions);
            if (actions.stream().anyMatch(a -> a instanceof Action.Postpone)) {
                throw new IllegalArgumentException("init has no event to postpone.");
            }
        }
    }

    record Ignore<St, D>() implements StatemInit<St, D> {}

    record Stop<St, D>(Object reason) implements StatemInit<St, D> {
        public Stop {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** {@code {ok, State, Data}} or {@code {ok, State, Data, Actions}}. */
    static <St, D> StatemInit<St, D> ok(St state, D data, Action... actions) {
        return new Ok<>(state, data, List.of(actions));
    }

    static <St, D> StatemInit<St, D> ignore() {
        return new Ignore<>();
    }

    static <St, D> StatemInit<St, D> stop(Object reason) {
        return new Stop<>(reason);
    }
}
