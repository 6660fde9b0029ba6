package dev.otpnet.otp;

import dev.otpnet.process.Pid;
import java.util.Objects;

/**
 * Why a start failed when its name is taken, or a supervisor child with that id runs:
 * Erlang's {@code {already_started, Pid}}.
 *
 * @param pid the process that has the name (or the running child)
 */
public record AlreadyStarted(Pid pid) {

    public AlreadyStarted {
        Objects.requireNonNull(pid, "pid");
    }

    @Override
    public String toString() {
        return "{already_started," + pid + "}";
    }
}
