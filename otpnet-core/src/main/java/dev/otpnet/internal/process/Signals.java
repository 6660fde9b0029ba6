package dev.otpnet.internal.process;

import static dev.otpnet.process.ExitReason.KILL;
import static dev.otpnet.process.ExitReason.KILLED;
import static dev.otpnet.process.ExitReason.NORMAL;

import dev.otpnet.internal.process.ProcessCore.Death;
import dev.otpnet.process.Down;
import dev.otpnet.process.Exit;
import dev.otpnet.process.Pid;
import dev.otpnet.process.ProcessExit;
import dev.otpnet.process.Ref;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * Exit signals, as Erlang defines them, and what a death sets off.
 *
 * <p>A process dies in the thread that decides its death: its own at the end of its body, or the
 * thread that sends it a killing signal. That thread runs its exit hooks, then signals its links
 * and monitors. A link signal can kill another process, whose death signals further; those
 * signals go through a work queue rather than recursion, so a chain of a million linked processes
 * unwinds in constant stack.
 *
 * <p>The rules: a signal through a link with reason {@code normal} is ignored by a process that
 * does not trap exits; any other reason kills it with that same reason ({@code kill} included:
 * only {@link #exit} makes {@code kill} untrappable). A trapping process receives
 * {@link Exit} messages instead. {@code exit(Pid, kill)} kills with {@code killed}, trapping or
 * not; {@code exit(Pid, normal)} is ignored unless the process sends it to itself.
 */
public final class Signals {

    private Signals() {}

    private sealed interface Signal permits LinkSignal, DownSignal {}

    /** {@code from} died with {@code reason} while linked to {@code to}. */
    private record LinkSignal(ProcessCore from, ProcessCore to, Object reason) implements Signal {}

    /** {@code pid}, monitored by {@code watcher} under {@code ref}, died with {@code reason}. */
    private record DownSignal(ProcessCore watcher, Ref ref, Pid pid, Object reason) implements Signal {}

    /**
     * Ends {@code core} with {@code reason} if it is alive, and signals everything that must
     * know. Returns whether this call ended it.
     */
    public static boolean terminate(ProcessCore core, Object reason) {
        Death death = core.markDead(reason);
        if (death == null) {
            return false;
        }
        settle(death);
        return true;
    }

    /** Erlang's {@code exit(To, Reason)} sent by {@code from}. */
    public static void exit(ProcessCore from, ProcessCore to, Object reason) {
        Death death = null;
        synchronized (to.lock) {
            if (!to.isAlive()) {
                return;
            }
            if (KILL.equals(reason)) {
                death = to.markDead(KILLED);
            } else if (to.trapsExits()) {
                to.deliver(new Exit(from.pid(), reason));
            } else if (!NORMAL.equals(reason) || from == to) {
                death = to.markDead(reason);
            }
        }
        if (death != null) {
            settle(death);
        }
    }

    /**
     * Erlang's {@code exit(Reason)} (an exception) for the calling process. A spawned process
     * dies when the exception leaves its body; an adopted thread has no body for it to leave, so
     * its process ends now.
     */
    public static ProcessExit raise(ProcessCore self, Object reason) {
        if (self.adopted && terminate(self, reason)) {
            self.reported = true;
        }
        return new ProcessExit(reason);
    }

    private static void settle(Death first) {
        ArrayDeque<Signal> work = new ArrayDeque<>();
        announce(first, work);
        for (Signal signal = work.poll(); signal != null; signal = work.poll()) {
            switch (signal) {
                case LinkSignal link -> {
                    Death next = throughLink(link);
                    if (next != null) {
                        announce(next, work);
                    }
                }
                case DownSignal down -> down(down);
            }
        }
    }

    /** Runs the dead core's hooks, drops its monitors on others, queues its link and monitor signals. */
    private static void announce(Death death, ArrayDeque<Signal> work) {
        ProcessCore core = death.core();
        Object reason = death.reason();
        if (death.hooks() != null) {
            for (Hook hook : death.hooks()) {
                hook.run(reason);
            }
        }
        if (death.watching() != null) {
            for (Map.Entry<Ref, ProcessCore> e : death.watching().entrySet()) {
                ProcessCore target = e.getValue();
                synchronized (target.lock) {
                    if (target.watchers != null) {
                        target.watchers.remove(e.getKey());
                    }
                }
            }
        }
        if (death.links() != null) {
            for (ProcessCore peer : death.links()) {
                work.add(new LinkSignal(core, peer, reason));
            }
        }
        if (death.watchers() != null) {
            for (Map.Entry<Ref, ProcessCore> e : death.watchers().entrySet()) {
                work.add(new DownSignal(e.getValue(), e.getKey(), core.pid(), reason));
            }
        }
    }

    private static Death throughLink(LinkSignal signal) {
        ProcessCore to = signal.to();
        synchronized (to.lock) {
            if (!to.isAlive() || to.links == null || !to.links.remove(signal.from())) {
                return null;
            }
            if (to.trapsExits()) {
                to.deliver(new Exit(signal.from().pid(), signal.reason()));
                return null;
            }
            return NORMAL.equals(signal.reason()) ? null : to.markDead(signal.reason());
        }
    }

    private static void down(DownSignal signal) {
        ProcessCore watcher = signal.watcher();
        synchronized (watcher.lock) {
            if (watcher.watching != null && watcher.watching.remove(signal.ref()) != null) {
                watcher.deliver(new Down(signal.ref(), signal.pid(), signal.reason()));
            }
        }
    }
}
