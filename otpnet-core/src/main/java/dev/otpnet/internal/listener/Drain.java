package dev.otpnet.internal.listener;

import dev.otpnet.inet.InetException;
import dev.otpnet.listener.ListenerInfo.Status;
import dev.otpnet.listener.WaitOp;
import dev.otpnet.internal.time.Deadline;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import java.util.List;

/** {@code wait_for_connections} and drain: waiting on the connection count, with a deadline. */
public final class Drain {
    private Drain() {
    }

    /** How a drain ended: connections that ended by themselves, and those closed at the deadline. */
    public record Result(int finished, int closed) {
    }

    /** Waits until the active count compares to {@code n} as {@code op} says; false at the deadline. */
    public static boolean waitFor(ListenerState st, WaitOp op, int n, long timeoutMillis) throws InterruptedException {
        Deadline d = Deadline.after(timeoutMillis);
        while (!op.test(st.activeConnections(), n)) {
            if (d.expired()) {
                return false;
            }
            st.awaitChange(Math.min(d.remainingNanos(), 50_000_000L));
        }
        return true;
    }

    /**
     * Stops accepting (the listen sockets close), waits for the live connections to end until the
     * deadline, then ends the rest with {@code reason} (and {@code kill} after the listener's
     * shutdown time). The listener is left suspended: {@code resume} or {@code stop} it.
     */
    public static Result drain(ListenerState st, long timeoutMillis, Object reason)
            throws InetException, InterruptedException {
        Deadline d = Deadline.after(timeoutMillis);
        RanchServer.suspend(st.name);
        st.status = Status.DRAINING;
        try {
            int before = st.conns.size();
            while (!st.conns.isEmpty() && !d.expired()) {
                st.awaitChange(Math.min(d.remainingNanos(), 50_000_000L));
            }
            List<Pid> rest = List.copyOf(st.conns.keySet());
            for (Pid p : rest) {
                Proc.exit(p, reason);
            }
            Deadline grace = Deadline.after(Math.max(st.connectionShutdownMillis(), 1));
            while (!st.conns.isEmpty() && !grace.expired()) {
                st.awaitChange(Math.min(grace.remainingNanos(), 50_000_000L));
            }
            for (Pid p : List.copyOf(st.conns.keySet())) {
                Proc.exit(p, ExitReason.KILL);
            }
            Deadline killed = Deadline.after(5000);
            while (!st.conns.isEmpty() && !killed.expired()) {
                st.awaitChange(Math.min(killed.remainingNanos(), 50_000_000L));
            }
            return new Result(Math.max(0, before - rest.size()), rest.size());
        } finally {
            st.status = Status.SUSPENDED;
        }
    }
}
