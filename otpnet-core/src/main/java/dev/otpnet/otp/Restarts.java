package dev.otpnet.otp;

import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import java.util.List;

/**
 * Applies a supervisor's {@link Strategy} when a child must be restarted: which children are
 * stopped (in reverse start order), which are started again (in order), and what happens when a
 * start fails (the child is marked {@code restarting} and retried through a message to itself,
 * each retry counting against the intensity, as Erlang's {@code try_again_restart}).
 */
final class Restarts {

    private final Strategy strategy;
    private final Children children;

    Restarts(Strategy strategy, Children children) {
        this.strategy = strategy;
        this.children = children;
    }

    /** Restarts {@code child}, which is not running, and the others its strategy names. */
    void restart(Child child) {
        switch (strategy) {
            case ONE_FOR_ONE, SIMPLE_ONE_FOR_ONE -> startAgain(List.of(child));
            case ONE_FOR_ALL -> {
                stopReversed(children.inOrder());
                startAgain(children.inOrder());
            }
            case REST_FOR_ONE -> {
                List<Child> rest = children.fromOn(child);
                stopReversed(rest);
                startAgain(rest);
            }
        }
    }

    /** Stops the running ones of {@code group}, last started first; temporary ones are forgotten. */
    void stopReversed(List<Child> group) {
        for (Child c : group.reversed()) {
            if (c.running()) {
                ChildShutdown.stop(c);
                children.stopped(c);
            }
            if (c.spec.restart() == Restart.TEMPORARY) {
                children.remove(c);
            }
        }
    }

    /** Starts those of {@code group} still present, in order, until one fails. */
    private void startAgain(List<Child> group) {
        for (Child c : group) {
            if (!children.contains(c) || c.running()) {
                continue;
            }
            switch (ChildStarter.start(c)) {
                case ChildStarter.Outcome.Started started -> children.started(c, started.pid());
                case ChildStarter.Outcome.Ignored ignored -> {
                    c.restarting = false;
                    if (strategy == Strategy.SIMPLE_ONE_FOR_ONE) {
                        children.remove(c);
                    }
                }
                case ChildStarter.Outcome.Failed failed -> {
                    OtpLog.supervisor(Proc.self(), "start_error", c.id(), null, failed.reason());
                    c.restarting = true;
                    Pid self = Proc.self();
                    self.send(new SupervisorCall.TryAgain(c));
                    return;
                }
            }
        }
    }
}
