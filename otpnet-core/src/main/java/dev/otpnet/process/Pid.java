package dev.otpnet.process;

import dev.otpnet.internal.process.PidAccess;
import dev.otpnet.internal.process.ProcessCore;

/**
 * A process identifier: the address of a mailbox.
 *
 * <p>Pids compare by value and are never reused, so a pid kept after its process died still names
 * that dead process: sending to it does nothing, linking to it gives {@code noproc}.
 * {@link #toString()} prints Erlang's {@code <0.83.0>}. Immutable and thread-safe; any thread may
 * send to any pid.
 */
public final class Pid implements Comparable<Pid> {

    private static final long NUMBER_MASK = (1L << 28) - 1;

    static {
        PidAccess.install(new PidAccess.Bridge() {
            @Override
            public Pid newPid(long id, ProcessCore core) {
                return new Pid(id, core);
            }

            @Override
            public ProcessCore core(Pid pid) {
                return pid.core;
            }
        });
    }

    private final long id;
    private final ProcessCore core;

    private Pid(long id, ProcessCore core) {
        this.id = id;
        this.core = core;
    }

    /** Sends {@code message} to this process: {@code Pid ! Message}. Same as {@link Proc#send(Pid, Object)}. */
    public void send(Object message) {
        Proc.send(this, message);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Pid pid && pid.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    /** Pids order by creation, as local pids do in Erlang. */
    @Override
    public int compareTo(Pid other) {
        return Long.compare(id, other.id);
    }

    @Override
    public String toString() {
        return "<0." + (id & NUMBER_MASK) + "." + (id >>> 28) + ">";
    }
}
