package dev.otpnet.otp;

import dev.otpnet.process.Pid;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@link Supervisor#whichChildren}: Erlang's {@code {Id, Child, Type, Modules}}.
 *
 * @param id the child's id ({@link Atom#UNDEFINED} under {@code simple_one_for_one})
 * @param pid the running child; empty if it is not running (terminated, or its start was ignored)
 * @param restarting whether a restart failed and is being retried (Erlang's {@code restarting})
 * @param type worker or supervisor
 */
public record ChildInfo(Object id, Optional<Pid> pid, boolean restarting, ChildType type) {

    public ChildInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        String child = restarting ? "restarting" : pid.map(Pid::toString).orElse("undefined");
        return "{" + id + "," + child + "," + type + ",[]}";
    }
}
