package dev.otpnet.otp;

import dev.otpnet.otp.SupervisorCall.CountChildren;
import dev.otpnet.otp.SupervisorCall.DeleteChild;
import dev.otpnet.otp.SupervisorCall.Failed;
import dev.otpnet.otp.SupervisorCall.RestartChild;
import dev.otpnet.otp.SupervisorCall.StartChild;
import dev.otpnet.otp.SupervisorCall.StartDynamic;
import dev.otpnet.otp.SupervisorCall.TerminateChild;
import dev.otpnet.otp.SupervisorCall.TryAgain;
import dev.otpnet.otp.SupervisorCall.WhichChildren;
import dev.otpnet.process.Exit;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import java.util.List;

/**
 * The supervisor process, written as Erlang writes it: a {@link GenServer} that traps exits. It
 * starts its children in {@code init}, turns each child's {@link Exit} into a restart decision,
 * answers the {@link Supervisor} functions as calls, and stops its children in {@code terminate}.
 */
final class SupervisorServer implements GenServer<SupervisorCall, Children> {

    private final SupFlags flags;
    private final List<ChildSpec> specs;
    private final boolean dynamic;
    private final Children children = new Children();
    private final RestartIntensity intensity;
    private final Restarts restarts;

    SupervisorServer(SupFlags flags, List<ChildSpec> specs) {
        this.flags = flags;
        this.specs = List.copyOf(specs);
        this.dynamic = flags.strategy() == Strategy.SIMPLE_ONE_FOR_ONE;
        this.intensity = new RestartIntensity(flags);
        this.restarts = new Restarts(flags.strategy(), children);
    }

    @Override
    public Init<Children> init() {
        Proc.trapExit(true);
        if (dynamic) {
            return Init.ok(children);
        }
        for (ChildSpec spec : specs) {
            Child child = new Child(spec, List.of());
            switch (ChildStarter.start(child)) {
                case ChildStarter.Outcome.Started started -> {
                    children.add(child);
                    children.started(child, started.pid());
                }
                case ChildStarter.Outcome.Ignored ignored -> {
                    if (spec.restart() != Restart.TEMPORARY) {
                        children.add(child);
                    }
                }
                case ChildStarter.Outcome.Failed failed -> {
                    OtpLog.supervisor(Proc.self(), "start_error", spec.id(), null, failed.reason());
                    restarts.stopReversed(children.inOrder());
                    return Init.stop(new ShutdownWith(new FailedToStartChild(spec.id(), failed.reason())));
                }
            }
        }
        return Init.ok(children);
    }

    @Override
    public CallResult<Children> handleCall(SupervisorCall request, From from, Children state) {
        Object reply = switch (request) {
            case StartChild(ChildSpec spec) -> startChild(spec);
            case StartDynamic(List<Object> extra) -> startDynamic(extra);
            case TerminateChild(Object idOrPid) -> terminateChild(idOrPid);
            case RestartChild(Object id) -> restartChild(id);
            case DeleteChild(Object id) -> deleteChild(id);
            case WhichChildren() -> state.inOrder().stream().map(c -> c.info(dynamic)).toList();
            case CountChildren() -> count();
        };
        return GenServer.reply(reply, state);
    }

    @Override
    public Result<Children> handleInfo(Object message, Children state) {
        switch (message) {
            case Exit(Pid pid, Object reason) -> {
                Child child = state.byPid(pid).orElse(null);
                if (child != null) {
                    return exited(child, reason);
                }
            }
            case TryAgain(Child child) when state.contains(child) && child.restarting -> {
                return restart(child);
            }
            case TryAgain ignored -> {}
            default -> OtpLog.unexpected("supervisor", Proc.self(), message);
        }
        return GenServer.noreply(state);
    }

    @Override
    public void terminate(Object reason, Children state) {
        if (dynamic) {
            ChildShutdown.stopAll(state.inOrder().stream().filter(Child::running).toList(), specs.getFirst().shutdown());
            state.inOrder().forEach(state::remove);
        } else {
            restarts.stopReversed(state.inOrder());
        }
    }

    private Result<Children> exited(Child child, Object reason) {
        Pid pid = child.pid;
        children.stopped(child);
        if (!OtpLog.isOrderly(reason)) {
            OtpLog.supervisor(Proc.self(), "child_terminated", child.id(), pid, reason);
        }
        if (!child.spec.restart().restarts(reason)) {
            if (dynamic || child.spec.restart() == Restart.TEMPORARY) {
                children.remove(child);
            }
            return GenServer.noreply(children);
        }
        return restart(child);
    }

    private Result<Children> restart(Child child) {
        if (!intensity.allow()) {
            OtpLog.intensityReached(Proc.self(), intensity.intensity(), intensity.periodMs());
            return GenServer.stop(ExitReason.SHUTDOWN, children);
        }
        restarts.restart(child);
        return GenServer.noreply(children);
    }

    private Object startChild(ChildSpec spec) {
        if (dynamic) {
            return new Failed(Atom.SIMPLE_ONE_FOR_ONE);
        }
        Child existing = children.byId(spec.id()).orElse(null);
        if (existing != null) {
            return existing.running() ? new Failed(new AlreadyStarted(existing.pid)) : new Failed(Atom.ALREADY_PRESENT);
        }
        Child child = new Child(spec, List.of());
        return switch (ChildStarter.start(child)) {
            case ChildStarter.Outcome.Started started -> {
                children.add(child);
                children.started(child, started.pid());
                yield started.pid();
            }
            case ChildStarter.Outcome.Ignored ignored -> {
                if (spec.restart() != Restart.TEMPORARY) {
                    children.add(child);
                }
                yield new Failed(Atom.IGNORE);
            }
            case ChildStarter.Outcome.Failed failed -> new Failed(failed.reason());
        };
    }

    private Object startDynamic(List<Object> extra) {
        if (!dynamic) {
            return new Failed(new IllegalArgumentException(
                    "startChild with extra arguments is for simple_one_for_one supervisors; this one is " + flags.strategy() + "."));
        }
        Child child = new Child(specs.getFirst(), extra);
        return switch (ChildStarter.start(child)) {
            case ChildStarter.Outcome.Started started -> {
                children.add(child);
                children.started(child, started.pid());
                yield started.pid();
            }
            case ChildStarter.Outcome.Ignored ignored -> new Failed(Atom.IGNORE);
            case ChildStarter.Outcome.Failed failed -> new Failed(failed.reason());
        };
    }

    private Object terminateChild(Object idOrPid) {
        if (dynamic && !(idOrPid instanceof Pid)) {
            return new Failed(Atom.SIMPLE_ONE_FOR_ONE);
        }
        Child child = (idOrPid instanceof Pid pid && dynamic ? children.byPid(pid) : children.byId(idOrPid)).orElse(null);
        if (child == null) {
            return new Failed(Atom.NOT_FOUND);
        }
        if (child.running()) {
            ChildShutdown.stop(child);
            children.stopped(child);
        }
        child.restarting = false;
        if (dynamic || child.spec.restart() == Restart.TEMPORARY) {
            children.remove(child);
        }
        return Atom.UNDEFINED;
    }

    private Object restartChild(Object id) {
        if (dynamic) {
            return new Failed(Atom.SIMPLE_ONE_FOR_ONE);
        }
        Child child = children.byId(id).orElse(null);
        if (child == null) {
            return new Failed(Atom.NOT_FOUND);
        }
        if (child.running()) {
            return new Failed(Atom.RUNNING);
        }
        if (child.restarting) {
            return new Failed(Atom.RESTARTING);
        }
        return switch (ChildStarter.start(child)) {
            case ChildStarter.Outcome.Started started -> {
                children.started(child, started.pid());
                yield started.pid();
            }
            case ChildStarter.Outcome.Ignored ignored -> new Failed(Atom.IGNORE);
            case ChildStarter.Outcome.Failed failed -> new Failed(failed.reason());
        };
    }

    private Object deleteChild(Object id) {
        if (dynamic) {
            return new Failed(Atom.SIMPLE_ONE_FOR_ONE);
        }
        Child child = children.byId(id).orElse(null);
        if (child == null) {
            return new Failed(Atom.NOT_FOUND);
        }
        if (child.running()) {
            return new Failed(Atom.RUNNING);
        }
        if (child.restarting) {
            return new Failed(Atom.RESTARTING);
        }
        children.remove(child);
        return Atom.UNDEFINED;
    }

    private ChildCount count() {
        if (dynamic) {
            int n = children.size();
            boolean sup = specs.getFirst().type() == ChildType.SUPERVISOR;
            return new ChildCount(1, children.running(), sup ? n : 0, sup ? 0 : n);
        }
        List<Child> all = children.inOrder();
        int supervisors = (int) all.stream().filter(c -> c.spec.type() == ChildType.SUPERVISOR).count();
        return new ChildCount(all.size(), children.running(), supervisors, all.size() - supervisors);
    }
}
