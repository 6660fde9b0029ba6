package dev.otpnet.otp;

import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import java.util.List;

/**
 * A worker for supervision tests: tells an observer when it starts and when its {@code terminate}
 * runs, and exits with whatever reason it is cast. With {@code trap} it traps exits, so a
 * supervisor's {@code shutdown} reaches its {@code terminate}; a stubborn probe's {@code terminate}
 * waits for a {@code "go"} message, to test shutdown timeouts.
 */
final class Probe implements GenServer<Object, Object> {

    record Started(Object id, Pid pid, List<Object> extra) {}

    record Terminated(Object id, Pid pid, Object reason) {}

    /** Cast it to make the probe exit with {@code reason}. */
    record ExitWith(Object reason) {}

    static final String GO = "go";

    private final Object id;
    private final Pid observer;
    private final boolean trap;
    private final boolean stubborn;
    private final List<Object> extra;

    private Probe(Object id, Pid observer, boolean trap, boolean stubborn, List<Object> extra) {
        this.id = id;
        this.observer = observer;
        this.trap = trap;
        this.stubborn = stubborn;
        this.extra = extra;
    }

    /** A start function for a trapping, cooperative probe reporting to the caller. */
    static ChildStart start(Object id) {
        Pid observer = Proc.self();
        return extra -> GenServer.startLink(new Probe(id, observer, true, false, extra));
    }

    /** A probe that does not trap exits: a shutdown signal kills it without terminate. */
    static ChildStart startNotTrapping(Object id) {
        Pid observer = Proc.self();
        return extra -> GenServer.startLink(new Probe(id, observer, false, false, extra));
    }

    /** A probe whose terminate waits for {@link #GO}. */
    static ChildStart startStubborn(Object id) {
        Pid observer = Proc.self();
        return extra -> GenServer.startLink(new Probe(id, observer, true, true, extra));
    }

    @Override
    public Init<Object> init() {
        Proc.trapExit(trap);
        observer.send(new Started(id, Proc.self(), extra));
        return Init.ok(id);
    }

    @Override
    public CallResult<Object> handleCall(Object request, From from, Object state) {
        return GenServer.reply(request, state);
    }

    @Override
    public Result<Object> handleCast(Object request, Object state) {
        if (request instanceof ExitWith(Object reason)) {
            return GenServer.stop(reason, state);
        }
        throw new IllegalStateException("crash on request: " + request);
    }

    @Override
    public void terminate(Object reason, Object state) {
        observer.send(new Terminated(id, Proc.self(), reason));
        if (stubborn) {
            Proc.receive(m -> m.equals(GO));
        }
    }
}
