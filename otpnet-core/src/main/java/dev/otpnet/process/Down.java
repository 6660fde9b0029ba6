package dev.otpnet.process;

import java.util.Objects;

/**
 * A monitor fired: Erlang's {@code {'DOWN', Ref, process, Pid, Reason}}.
 *
 * <p>Sent once to the process that called {@link Proc#monitor(Pid)} when the monitored process
 * exits, or at once with {@link ExitReason#NOPROC} if it was already dead. Unlike a link, a
 * monitor never kills the watcher.
 *
 * @param ref the reference {@link Proc#monitor(Pid)} returned
 * @param pid the monitored process
 * @param reason its exit reason
 */
public record Down(Ref ref, Pid pid, Object reason) {

    public Down {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "{'DOWN'," + ref + ",process," + pid + "," + reason + "}";
    }
}
