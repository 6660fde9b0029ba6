package dev.otpnet.otp;

import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.ProcessExit;
import java.util.Optional;

/**
 * A generic server: Erlang's {@code gen_server}, Elixir's {@code GenServer}.
 *
 * <p>A server is a process that holds a state and handles one message at a time. You write the
 * callbacks; the behaviour runs the loop: it receives, calls the right callback with the current
 * state, and keeps the state the callback returns. Implement this interface (as Elixir's
 * {@code use GenServer}, every callback but {@code init} has a default), or give the callbacks as
 * lambdas with {@link #of} ({@link Callbacks}), and start it with {@link #startLink(GenServer)}. One object is one server: pass what {@code init} needs to its
 * constructor, where Erlang passes {@code Args} to {@code init/1}.
 *
 * <pre>{@code
 * sealed interface Request permits Push, Pop {}
 * record Push(String item) implements Request {}
 * record Pop() implements Request {}
 *
 * final class Stack implements GenServer<Request, List<String>> {
 *     public Init<List<String>> init() {
 *         return Init.ok(List.of());
 *     }
 *
 *     public CallResult<List<String>> handleCall(Request request, From from, List<String> items) {
 *         return switch (request) {                              // exhaustive: Request is sealed
 *             case Pop() when items.isEmpty() -> GenServer.reply("empty", items);
 *             case Pop() -> GenServer.reply(items.getFirst(), items.subList(1, items.size()));
 *             case Push(String item) -> GenServer.reply("ok", Stream.concat(Stream.of(item), items.stream()).toList());
 *         };
 *     }
 * }
 *
 * Pid stack = GenServer.startLink(new Stack());
 * GenServer.call(stack, new Push("a"));
 * String top = GenServer.call(stack, new Pop());                // "a"
 * }</pre>
 *
 * <h2>Messages</h2>
 *
 * <p>{@link #call} sends a request and waits for the reply ({@code handleCall}); {@link #cast}
 * sends one and goes on ({@code handleCast}); anything else that arrives, socket messages
 * included, goes to {@code handleInfo}. Requests are of type {@code R}, typically a sealed
 * interface of records so that {@code switch} over them is exhaustive; info messages are any
 * object. A callback returns what the server does next: {@link #reply}, {@link #noreply} or
 * {@link #stop}, optionally with a {@link Then}: a timeout, {@code hibernate} or
 * {@code continue}.
 *
 * <h2>Failure</h2>
 *
 * <p>A callback that throws, or returns {@code stop}, ends the server: {@code terminate(reason,
 * state)} runs, an abnormal reason is reported on the {@code System.Logger} named
 * {@code dev.otpnet.otp}, and the process exits with the reason (a {@link dev.otpnet.process.Crash}
 * for an exception). A server that {@linkplain Proc#trapExit(boolean) traps exits} and receives an
 * exit signal from its parent (the process that started it linked, normally its supervisor) runs
 * {@code terminate} and exits with the parent's reason; without trapping it is simply killed and
 * {@code terminate} does not run, as in Erlang. {@code code_change} and {@code format_status} do
 * not exist.
 *
 * @param <R> the type of call and cast requests
 * @param <S> the type of the state
 */
public interface GenServer<R, S> {

    /** The default {@code call} timeout, 5 seconds, as Erlang's. */
    long DEFAULT_TIMEOUT = 5_000;

    // ---- callbacks -----------------------------------------------------------------------------

    /**
     * Runs in the new process before {@code start} returns: {@code init/1}. Returns the first state
     * ({@link Init#ok(Object)}), or {@link Init#ignore()}, or {@link Init#stop(Object)}.
     */
    Init<S> init() throws Exception;

    /**
     * A {@link #call}: {@code handle_call/3}. Reply now with {@link #reply(Object, Object)}, or later
     * through {@code from} with {@link #reply(From, Object)} after returning {@link #noreply(Object)}.
     * The default throws, so a server that gets a call it does not expect crashes (Elixir's default).
     */
    default CallResult<S> handleCall(R request, From from, S state) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " received the call " + request + " but does not override handleCall.");
    }

    /** A {@link #cast}: {@code handle_cast/2}. The default throws, as Elixir's does. */
    default Result<S> handleCast(R request, S state) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " received the cast " + request + " but does not override handleCast.");
    }

    /**
     * Any other message: socket messages, {@link dev.otpnet.process.Exit} and
     * {@link dev.otpnet.process.Down} messages, {@link Atom#TIMEOUT} after a timeout:
     * {@code handle_info/2}. The default logs the message as unexpected and keeps the state.
     */
    default Result<S> handleInfo(Object message, S state) throws Exception {
        OtpLog.unexpected("gen_server", Proc.self(), message);
        return noreply(state);
    }

    /** After a {@link Then#continueWith(Object) continue}: {@code handle_continue/2}. The default throws. */
    default Result<S> handleContinue(Object term, S state) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " asked to continue with " + term + " but does not override handleContinue.");
    }

    /** Before the server exits with {@code reason}: {@code terminate/2}. The default does nothing. */
    default void terminate(Object reason, S state) throws Exception {}

    // ---- starting and stopping ------------------------------------------------------------------

    /** A server written as lambdas: {@code init} now, the other callbacks with {@link Callbacks}'s {@code onX}. */
    static <R, S> Callbacks<R, S> of(Callbacks.InitFunction<S> init) {
        return Callbacks.of(init);
    }

    /** {@code gen_server:start_link(Module, Args, [])}: starts {@code server} linked to the caller. */
    static Pid startLink(GenServer<?, ?> server) throws OtpException {
        return Gen.start(starter -> ServerLoop.run(server, starter), true, null);
    }

    /**
     * {@code gen_server:start_link({local, Name}, Module, Args, [])}.
     *
     * @throws OtpException with {@link AlreadyStarted} if the name is taken, or as {@link #startLink(GenServer)}
     */
    static Pid startLink(Name name, GenServer<?, ?> server) throws OtpException {
        return Gen.start(starter -> ServerLoop.run(server, starter), true, name);
    }

    /**
     * {@code gen_server:start(Module, Args, [])}: starts {@code server} unlinked.
     *
     * @throws OtpException if {@code init} returned {@code ignore} ({@link Atom#IGNORE}) or
     *     {@code stop}, or threw (the reason is then a {@link dev.otpnet.process.Crash})
     */
    static Pid start(GenServer<?, ?> server) throws OtpException {
        return Gen.start(starter -> ServerLoop.run(server, starter), false, null);
    }

    /** {@code gen_server:start({local, Name}, Module, Args, [])}. */
    static Pid start(Name name, GenServer<?, ?> server) throws OtpException {
        return Gen.start(starter -> ServerLoop.run(server, starter), false, name);
    }

    /** {@code gen_server:stop(Server)}: terminates it with {@code normal} and waits, without limit. */
    static void stop(Pid server) {
        Gen.stop(server, ExitReason.NORMAL, Proc.INFINITY);
    }

    /** {@code gen_server:stop(Name)}. */
    static void stop(String name) {
        Gen.stop(name, ExitReason.NORMAL, Proc.INFINITY);
    }

    /**
     * {@code gen_server:stop(Server, Reason, Timeout)}: the server runs {@code terminate(reason)}
     * and exits; this returns once it has.
     *
     * @throws ProcessExit with {@code noproc} if it is not running, {@code timeout} if it does not
     *     end within {@code timeoutMs}, or the reason it ended with if that differs
     */
    static void stop(Pid server, Object reason, long timeoutMs) {
        Gen.stop(server, reason, timeoutMs);
    }

    /** {@code gen_server:stop(Name, Reason, Timeout)}. */
    static void stop(String name, Object reason, long timeoutMs) {
        Gen.stop(name, reason, timeoutMs);
    }

    /** The server registered as {@code name}: {@code whereis(Name)}. */
    static Optional<Pid> whereis(String name) {
        return Proc.whereis(name);
    }

    // ---- requests -------------------------------------------------------------------------------

    /** {@code gen_server:call(Server, Request)}: waits at most {@link #DEFAULT_TIMEOUT}. */
    static <T> T call(Pid server, Object request) {
        return call(server, request, DEFAULT_TIMEOUT);
    }

    /**
     * {@code gen_server:call(Server, Request, Timeout)}: sends {@code request} to {@code handleCall}
     * and returns the reply, cast to what the caller expects.
     *
     * @throws ProcessExit with a {@link CallFailure}: {@code noproc} if the server is not running,
     *     its exit reason if it dies before replying, {@code timeout} if no reply comes within
     *     {@code timeoutMs} ({@link Proc#INFINITY} waits forever). A reply that comes later is
     *     dropped, never left in the caller's mailbox.
     */
    @SuppressWarnings("unchecked")
    static <T> T call(Pid server, Object request, long timeoutMs) {
        return (T) Gen.call(server, request, timeoutMs, "gen_server");
    }

    /** {@code gen_server:call(Name, Request)}. */
    static <T> T call(String name, Object request) {
        return call(name, request, DEFAULT_TIMEOUT);
    }

    /** {@code gen_server:call(Name, Request, Timeout)}. */
    @SuppressWarnings("unchecked")
    static <T> T call(String name, Object request, long timeoutMs) {
        return (T) Gen.call(name, request, timeoutMs, "gen_server");
    }

    /** {@code gen_server:cast(Server, Request)}: sends and returns at once; never fails. */
    static void cast(Pid server, Object request) {
        Gen.cast(server, request);
    }

    /** {@code gen_server:cast(Name, Request)}: dropped if nobody has the name. */
    static void cast(String name, Object request) {
        Gen.cast(name, request);
    }

    /**
     * {@code gen_server:reply(From, Reply)}: answers a call whose {@code handleCall} returned
     * {@code noreply}. Any process may reply. Returns whether the caller still waited (a reply to a
     * caller that timed out or died is dropped).
     */
    static boolean reply(From from, Object reply) {
        return from.reply(java.util.Objects.requireNonNull(reply, "reply"));
    }

    // ---- results --------------------------------------------------------------------------------

    /** {@code {reply, Reply, State}}. */
    static <S> CallResult<S> reply(Object reply, S state) {
        return new CallResult.Reply<>(reply, state, Then.NONE);
    }

    /** {@code {reply, Reply, State, Timeout | hibernate | {continue, Term}}}. */
    static <S> CallResult<S> reply(Object reply, S state, Then then) {
        return new CallResult.Reply<>(reply, state, then);
    }

    /** {@code {noreply, State}}. */
    static <S> Result<S> noreply(S state) {
        return new Result.NoReply<>(state, Then.NONE);
    }

    /** {@code {noreply, State, Timeout}}. */
    static <S> Result<S> noreply(S state, long timeoutMs) {
        return new Result.NoReply<>(state, Then.timeout(timeoutMs));
    }

    /** {@code {noreply, State, Timeout | hibernate | {continue, Term}}}. */
    static <S> Result<S> noreply(S state, Then then) {
        return new Result.NoReply<>(state, then);
    }

    /** {@code {stop, Reason, State}}. */
    static <S> Result<S> stop(Object reason, S state) {
        return new Result.Stop<>(reason, state);
    }

    /** {@code {stop, Reason, Reply, State}}: the reply is sent after {@code terminate} has run. */
    static <S> CallResult<S> stop(Object reason, Object reply, S state) {
        return new CallResult.StopReply<>(reason, reply, state);
    }
}
