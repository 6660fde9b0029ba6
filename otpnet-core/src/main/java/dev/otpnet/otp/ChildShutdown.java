package dev.otpnet.otp;

import dev.otpnet.internal.time.Deadline;
import dev.otpnet.process.Down;
import dev.otpnet.process.Exit;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.Ref;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a supervisor stops children, as Erlang's {@code supervisor:shutdown/2}: monitor the child,
 * unlink it (so its death is no longer a restart), then {@code kill} it at once, or send
 * {@code shutdown} and {@code kill} it if the timeout passes. Runs in the supervisor's process,
 * which traps exits.
 */
final class ChildShutdown {

    private ChildShutdown() {}

    /** Stops one running child and waits until it is dead; reports an unexpected exit reason. */
    static void stop(Child child) {
        Pid pid = child.pid;
        Ref ref = Proc.monitor(pid);
        Proc.unlink(pid);
        Optional<Exit> died = Proc.receive(Exit.class, e -> e.from().equals(pid), 0);
        Object reason;
        if (died.isPresent()) {
            Proc.receive(Down.class, d -> d.ref().equals(ref));
            reason = died.get().reason();
        } else {
            reason = switch (child.spec.shutdown()) {
                case Shutdown.BrutalKill b -> kill(pid, ref);
                case Shutdown.Infinity i -> {
                    Proc.exit(pid, ExitReason.SHUTDOWN);
                    yield Proc.receive(Down.class, d -> d.ref().equals(ref)).reason();
                }
                case Shutdown.Timeout t -> {
                    Proc.exit(pid, ExitReason.SHUTDOWN);
                    yield Proc.receive(Down.class, d -> d.ref().equals(ref), t.ms())
                            .<Object>map(Down::reason)
                            .orElseGet(() -> kill(pid, ref));
                }
            };
        }
        reportUnexpected(child, pid, reason);
    }

    /**
     * Stops many children of one spec at once ({@code simple_one_for_one}): all get the signal
     * together, then the supervisor waits for all, killing those still alive when the timeout passes.
     */
    static void stopAll(List<Child> children, Shutdown shutdown) {
        Map<Ref, Child> waiting = new HashMap<>();
        Map<Ref, Object> reasons = new HashMap<>();
        for (Child child : children) {
            Ref ref = Proc.monitor(child.pid);
            Proc.unlink(child.pid);
            waiting.put(ref, child);
        }
        for (Map.Entry<Ref, Child> e : waiting.entrySet()) {
            Pid pid = e.getValue().pid;
            Optional<Exit> died = Proc.receive(Exit.class, x -> x.from().equals(pid), 0);
            if (died.isPresent()) {
                reasons.put(e.getKey(), died.get().reason());
            } else {
                Proc.exit(pid, shutdown instanceof Shutdown.BrutalKill ? ExitReason.KILL : ExitReason.SHUTDOWN);
            }
        }
        Deadline deadline = shutdown instanceof Shutdown.Timeout t ? Deadline.after(t.ms()) : Deadline.never();
        int left = waiting.size();
        while (left > 0) {
            long waitMs = switch (shutdown) {
                case Shutdown.Timeout t -> deadline.remainingMillis();
                default -> Proc.INFINITY;
            };
            Optional<Down> down = Proc.receive(Down.class, d -> waiting.containsKey(d.ref()), waitMs);
            if (down.isEmpty()) {
                waiting.values().forEach(c -> Proc.exit(c.pid, ExitReason.KILL));
                shutdown = Shutdown.INFINITY;
                continue;
            }
            Child child = waiting.remove(down.get().ref());
            left--;
            Object reason = reasons.getOrDefault(down.get().ref(), down.get().reason());
            reportUnexpected(child, child.pid, reason);
        }
    }

    private static Object kill(Pid pid, Ref ref) {
        Proc.exit(pid, ExitReason.KILL);
        return Proc.receive(Down.class, d -> d.ref().equals(ref)).reason();
    }

    private static void reportUnexpected(Child child, Pid pid, Object reason) {
        boolean expected = switch (child.spec.shutdown()) {
            case Shutdown.BrutalKill b -> reason == ExitReason.KILLED;
            default -> reason == ExitReason.SHUTDOWN;
        };
        if (!expected && !(child.spec.restart() != Restart.PERMANENT && reason == ExitReason.NORMAL)) {
            OtpLog.supervisor(Proc.self(), "shutdown_error", child.id(), pid, reason);
        }
    }
}
