package dev.otpnet.process;

import java.util.Objects;

/**
 * What {@link Proc#spawnMonitor(Body)} returns: Erlang's {@code {Pid, Ref}}.
 *
 * @param pid the new process
 * @param ref the monitor on it; a {@link Down} carrying this ref arrives when it exits
 */
public record Spawned(Pid pid, Ref ref) {

    public Spawned {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(ref, "ref");
    }

    @Override
    public String toString() {
        return "{" + pid + "," + ref + "}";
    }
}
