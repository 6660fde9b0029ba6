package dev.otpnet.otp;

import java.util.Objects;

/**
 * What {@code handleCall} returns: {@link Reply}, a {@link Result} ({@code noreply} or
 * {@code stop} without a reply) or {@link StopReply}. Build them with
 * {@link GenServer#reply(Object, Object)}, {@link GenServer#noreply(Object)} and
 * {@link GenServer#stop(Object, Object, Object)}.
 *
 * @param <S> the server's state
 */
public sealed interface CallResult<S> permits Result, CallResult.Reply, CallResult.StopReply {

    /** {@code {reply, Reply, State}} and {@code {reply, Reply, State, Then}}. */
    record Reply<S>(Object reply, S state, Then then) implements CallResult<S> {
        public Reply {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(then, "then");
        }
    }

    /** {@code {stop, Reason, Reply, State}}: replies, then terminates. */
    record StopReply<S>(Object reason, Object reply, S state) implements CallResult<S> {
        public StopReply {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(reply, "reply");
        }
    }
}
