package dev.otpnet.otp;

import java.util.Objects;

/**
 * A {@link GenServer} written as a set of lambdas instead of a class: {@code init} and whichever
 * callbacks the server needs, the others keeping their defaults.
 *
 * <pre>{@code
 * Pid counter = GenServer.startLink(GenServer.<String, Integer>of(() -> Init.ok(0))
 *         .onCall((request, from, n) -> GenServer.reply(n, n + 1))
 *         .onCast((request, n) -> GenServer.noreply(0)));
 * }</pre>
 *
 * @param <R> the type of call and cast requests
 * @param <S> the type of the state
 */
public record Callbacks<R, S>(
        InitFunction<S> initFunction,
        CallFunction<R, S> callFunction,
        CastFunction<R, S> castFunction,
        InfoFunction<S> infoFunction,
        InfoFunction<S> continueFunction,
        TerminateFunction<S> terminateFunction) implements GenServer<R, S> {

    /** {@code init/1}. */
    @FunctionalInterface
    public interface InitFunction<S> {
        Init<S> init() throws Exception;
    }

    /** {@code handle_call/3}. */
    @FunctionalInterface
    public interface CallFunction<R, S> {
        CallResult<S> handle(R request, From from, S state) throws Exception;
    }

    /** {@code handle_cast/2}. */
    @FunctionalInterface
    public interface CastFunction<R, S> {
        Result<S> handle(R request, S state) throws Exception;
    }

    /** {@code handle_info/2} and {@code handle_continue/2}. */
    @FunctionalInterface
    public interface InfoFunction<S> {
        Result<S> handle(Object message, S state) throws Exception;
    }

    /** {@code terminate/2}. */
    @FunctionalInterface
    public interface TerminateFunction<S> {
        void terminate(Object reason, S state) throws Exception;
    }

    public Callbacks {
        Objects.requireNonNull(initFunction, "initFunction");
    }

    /** A server with only {@code init}; add callbacks with the {@code onX} methods. */
    public static <R, S> Callbacks<R, S> of(InitFunction<S> init) {
        return new Callbacks<>(init, null, null, null, null, null);
    }

    public Callbacks<R, S> onCall(CallFunction<R, S> call) {
        return new Callbacks<>(initFunction, call, castFunction, infoFunction, continueFunction, terminateFunction);
    }

    public Callbacks<R, S> onCast(CastFunction<R, S> cast) {
        return new Callbacks<>(initFunction, callFunction, cast, infoFunction, continueFunction, terminateFunction);
    }

    public Callbacks<R, S> onInfo(InfoFunction<S> info) {
        return new Callbacks<>(initFunction, callFunction, castFunction, info, continueFunction, terminateFunction);
    }

    public Callbacks<R, S> onContinue(InfoFunction<S> cont) {
        return new Callbacks<>(initFunction, callFunction, castFunction, infoFunction, cont, terminateFunction);
    }

    public Callbacks<R, S> onTerminate(TerminateFunction<S> terminate) {
        return new Callbacks<>(initFunction, callFunction, castFunction, infoFunction, continueFunction, terminate);
    }

    @Override
    public Init<S> init() throws Exception {
        return initFunction.init();
    }

    @Override
    public CallResult<S> handleCall(R request, From from, S state) throws Exception {
        return callFunction == null ? GenServer.super.handleCall(request, from, state) : callFunction.handle(request, from, state);
    }

    @Override
    public Result<S> handleCast(R request, S state) throws Exception {
        return castFunction == null ? GenServer.super.handleCast(request, state) : castFunction.handle(request, state);
    }

    @Override
    public Result<S> handleInfo(Object message, S state) throws Exception {
        return infoFunction == null ? GenServer.super.handleInfo(message, state) : infoFunction.handle(message, state);
    }

    @Override
    public Result<S> handleContinue(Object term, S state) throws Exception {
        return continueFunction == null ? GenServer.super.handleContinue(term, state) : continueFunction.handle(term, state);
    }

    @Override
    public void terminate(Object reason, S state) throws Exception {
        if (terminateFunction != null) {
            terminateFunction.terminate(reason, state);
        }
    }
}
