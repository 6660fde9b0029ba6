package dev.otpnet.otp;

import dev.otpnet.process.Crash;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.ProcessExit;
import java.util.Objects;

/** Runs a child's {@link ChildStart} in the supervisor's process and says how it went. */
final class ChildStarter {

    private ChildStarter() {}

    /** What a start gave. */
    sealed interface Outcome {
        record Started(Pid pid) implements Outcome {}

        record Ignored() implements Outcome {}

        record Failed(Object reason) implements Outcome {}
    }

    /**
     * Starts {@code child}. The new process is linked to the supervisor (linking again is harmless,
     * and catches a start function that forgot to), so its exit reaches the supervisor.
     */
    static Outcome start(Child child) {
        try {
            Pid pid = Objects.requireNonNull(child.spec.start().start(child.extra),
                    "the start function of child " + child.id() + " returned null");
            Proc.link(pid);
            return new Outcome.Started(pid);
        } catch (OtpException e) {
            return e.ignored() ? new Outcome.Ignored() : new Outcome.Failed(e.reason());
        } catch (ProcessExit e) {
            if (!Proc.isAlive(Proc.self())) {
                throw e;
            }
            return new Outcome.Failed(e.reason());
        } catch (Exception | Error e) {
            return new Outcome.Failed(new Crash(e));
        }
    }
}
