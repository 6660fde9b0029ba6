package dev.otpnet.otp;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link GenStatem} event handler returns: Erlang's {@code event_handler_result()}. Build
 * them with {@link GenStatem#nextState}, {@link GenStatem#keepState}, {@link GenStatem#repeatState}
 * and {@link GenStatem#stop}.
 *
 * @param <St> the state
 * @param <D> the data
 */
public sealed interface Transition<St, D> {

    /** The actions to run; empty for a stop. */
    List<Action> actions();

    /** {@code {next_state, State, Data, Actions}}. A different state retries postponed events and cancels the state timeout. */
    record NextState<St, D>(St state, D data, List<Action> actions) implements Transition<St, D> {
        public NextState {
            Objects.requireNonNull(state, "state");
            actions = List.copyOf(actions);
        }
    }

    /** {@code {keep_state, Data, Actions}}; {@code keepData} is {@code keep_state_and_data}. */
    record KeepState<St, D>(D data, boolean keepData, List<Action> actions) implements Transition<St, D> {
        public KeepState {
            actions = List.copyOf(actions);
        }
    }

    /** {@code {repeat_state, Data, Actions}}: as keep_state, and the state enter call runs again. */
    record RepeatState<St, D>(D data, boolean keepData, List<Action> actions) implements Transition<St, D> {
        public RepeatState {
            actions = List.copyOf(actions);
        }
    }

    /** {@code {stop, Reason, Data}} and {@code {stop_and_reply, Reason, Replies, Data}}. */
    record Stop<St, D>(Object reason, D data, boolean keepData, List<Action> actions) implements Transition<St, D> {
        public Stop {
            Objects.requireNonNull(reason, "reason");
            actions = List.copyOf(actions);
            if (actions.stream().anyMatch(a -> !(a instanceof Action.Reply))) {
                throw new IllegalArgumentException("stop_and_reply takes only reply actions, not " + actions + ".");
            }
        }
    }
}
