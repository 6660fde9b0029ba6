package dev.otpnet.otp;

import dev.otpnet.process.Crash;
import dev.otpnet.process.Exit;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.ProcessExit;
import java.util.Objects;

/**
 * The receive loop of one {@link GenServer} process: Erlang's {@code gen_server:loop}. It runs
 * {@code init}, acks the start, then takes messages one at a time and hands each to the right
 * callback; a result's {@link Then} decides how the next receive waits. A callback that throws,
 * or returns {@code stop}, leads to {@code terminate} and an exit with the reason.
 */
final class ServerLoop<R, S> {

    private static final String KIND = "Generic server";

    private final GenServer<R, S> server;
    private final Gen.Starter starter;
    private S state;
    private Object last = "none";

    private ServerLoop(GenServer<R, S> server, Gen.Starter starter) {
        this.server = server;
        this.starter = starter;
    }

    /** Runs {@code server} in the calling process until it stops. */
    static <R, S> void run(GenServer<R, S> server, Gen.Starter starter) throws Exception {
        new ServerLoop<>(server, starter).run();
    }

    private void run() throws Exception {
        Init<S> init;
        try {
            init = Objects.requireNonNull(server.init(), "init returned null");
        } catch (ProcessExit exit) {
            starter.fail(exit.reason());
            throw exit;
        } catch (Exception | Error e) {
            starter.fail(new Crash(e));
            throw e;
        }
        switch (init) {
            case Init.Ok<S> ok -> {
                state = ok.state();
                starter.ok();
                loop(ok.then());
            }
            case Init.Ignore<S> ignore -> starter.fail(Atom.IGNORE);
            case Init.Stop<S> stop -> {
                starter.fail(stop.reason());
                Proc.exit(stop.reason());
            }
        }
    }

    private void loop(Then then) {
        Pid parent = starter.parent();
        while (true) {
            if (then instanceof Then.Continue c) {
                last = c;
                then = next(invoke(() -> server.handleContinue(c.term(), state)));
                continue;
            }
            Object message = then instanceof Then.Timeout t
                    ? Proc.receive(t.ms()).orElse(Atom.TIMEOUT)
                    : Proc.receive();
            last = message;
            then = switch (message) {
                case Gen.CallMessage call -> answer(call.from(), invokeCall(call));
                case Gen.CastMessage cast -> next(invoke(() -> server.handleCast(request(cast.request()), state)));
                case Gen.StopMessage stop -> throw terminate(stop.reason());
                case Exit exit when exit.from().equals(parent) -> throw terminate(exit.reason());
                default -> next(invoke(() -> server.handleInfo(message, state)));
            };
        }
    }

    @SuppressWarnings("unchecked")
    private R request(Object request) {
        return (R) request;
    }

    private CallResult<S> invokeCall(Gen.CallMessage call) {
        return invoke(() -> server.handleCall(request(call.request()), call.from(), state));
    }

    private Then answer(From from, CallResult<S> result) {
        return switch (result) {
            case CallResult.Reply<S> reply -> {
                from.reply(reply.reply());
                state = reply.state();
                yield reply.then();
            }
            case CallResult.StopReply<S> stop -> {
                state = stop.state();
                ProcessExit exit = terminate(stop.reason());
                from.reply(stop.reply());
                throw exit;
            }
            case Result<S> result1 -> next(result1);
        };
    }

    private Then next(Result<S> result) {
        return switch (result) {
            case Result.NoReply<S> noReply -> {
                state = noReply.state();
                yield noReply.then();
            }
            case Result.Stop<S> stop -> {
                state = stop.state();
                throw terminate(stop.reason());
            }
        };
    }

    @FunctionalInterface
    private interface Callback<T> {
        T call() throws Exception;
    }

    /** Runs a callback; one that throws terminates the server with a {@link Crash}. */
    private <T> T invoke(Callback<T> callback) {
        try {
            return Objects.requireNonNull(callback.call(), "a callback returned null");
        } catch (ProcessExit exit) {
            if (!Proc.isAlive(Proc.self())) {
                throw exit;
            }
            throw terminate(exit.reason());
        } catch (Exception | Error e) {
            throw terminate(new Crash(e));
        }
    }

    /**
     * Calls {@code terminate(reason, state)}, reports an abnormal end and returns the exception that
     * ends the process. A {@code terminate} that throws replaces the reason with its crash.
     */
    private ProcessExit terminate(Object reason) {
        Object why = reason;
        try {
            server.terminate(reason, state);
        } catch (ProcessExit exit) {
            why = exit.reason();
        } catch (Exception | Error e) {
            why = new Crash(e);
        }
        OtpLog.terminating(KIND, Proc.self(), last, state, why);
        return new ProcessExit(why);
    }
}
