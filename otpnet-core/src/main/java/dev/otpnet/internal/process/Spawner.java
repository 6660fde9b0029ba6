package dev.otpnet.internal.process;

import static dev.otpnet.process.ExitReason.NOPROC;
import static dev.otpnet.process.ExitReason.NORMAL;

import dev.otpnet.process.Body;
import dev.otpnet.process.Crash;
import dev.otpnet.process.ProcessExit;
import dev.otpnet.process.Ref;
import java.util.Objects;

/**
 * Starts processes: one virtual thread each, named after its pid. A link or monitor asked for at
 * spawn is in place before the body runs, so a body that fails at once is still seen.
 */
public final class Spawner {

    private Spawner() {}

    /** How the parent is tied to the child. */
    public sealed interface Tie {
        /** {@code spawn}: not tied. */
        record None() implements Tie {}

        /** {@code spawn_link}. */
        record Link() implements Tie {}

        /** {@code spawn_monitor}, under {@code ref}. */
        record Monitor(Ref ref) implements Tie {}
    }

    /**
     * Starts {@code body} as a new process tied to {@code parent} as {@code tie} says
     * ({@code parent} may be null when not tied).
     */
    public static ProcessCore spawn(Body body, ProcessCore parent, Tie tie) {
        Objects.requireNonNull(body, "body");
        ProcessCore child = ProcessCore.create(false, null);
        Thread thread = Thread.ofVirtual().name(child.pid().toString()).unstarted(() -> run(child, body));
        child.setOwner(thread);
        try {
            switch (tie) {
                case Tie.None none -> {}
                case Tie.Link link -> Links.link(parent, child);
                case Tie.Monitor monitor -> Monitors.monitor(parent, child, monitor.ref());
            }
        } catch (ProcessExit parentDied) {
            Signals.terminate(child, NOPROC);
            throw parentDied;
        }
        thread.start();
        return child;
    }

    private static void run(ProcessCore core, Body body) {
        Current.bind(core);
        if (!core.isAlive()) {
            return;
        }
        Object reason;
        Throwable crash = null;
        try {
            body.run();
            reason = NORMAL;
        } catch (ProcessExit exit) {
            reason = exit.reason();
        } catch (Throwable t) {
            crash = t;
            reason = new Crash(t);
        }
        if (Signals.terminate(core, reason) && crash != null) {
            Log.crashed(core.pid(), reason, crash);
        }
    }
}
