package dev.otpnet.otp;

import java.util.Objects;

/**
 * What {@code handleCast}, {@code handleInfo} and {@code handleContinue} return (and
 * {@code handleCall}, when it does not reply now): {@code {noreply, State}} or
 * {@code {stop, Reason, State}}. Build them with {@link GenServer#noreply(Object)} and
 * {@link GenServer#stop(Object, Object)}.
 *
 * @param <S> the server's state
 */
public sealed interface Result<S> extends CallResult<S> permits Result.NoReply, Result.Stop {

    /** {@code {noreply, State}} and {@code {noreply, State, Then}}. */
    record NoReply<S>(S state, Then then) implements Result<S> {
        public NoReply {
            Objects.requireNonNull(then, "then");
        }
    }

    /** {@code {stop, Reason, State}}: {@code terminate(reason, state)} runs, then the server exits with the reason. */
    record Stop<S>(Object reason, S state) implements Result<S> {
        public Stop {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
