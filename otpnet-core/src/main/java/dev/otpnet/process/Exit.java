package dev.otpnet.process;

import java.util.Objects;

/**
 * An exit signal turned into a message: Erlang's {@code {'EXIT', From, Reason}}.
 *
 * <p>A process that called {@link Proc#trapExit(boolean) trapExit(true)} receives one of these
 * in its mailbox instead of dying when a linked process exits (with any reason, {@code normal}
 * included) or when another process calls {@link Proc#exit(Pid, Object)} on it with any reason
 * but {@link ExitReason#KILL}.
 *
 * @param from the process that exited or sent the signal
 * @param reason its exit reason
 */
public record Exit(Pid from, Object reason) {

    public Exit {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "{'EXIT'," + from + "," + reason + "}";
    }
}
