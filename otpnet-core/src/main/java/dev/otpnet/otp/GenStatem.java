package dev.otpnet.otp;

import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import java.util.List;

/**
 * A generic state machine: Erlang's {@code gen_statem}. Ranch's guide writes protocol handlers
 * with it, and it is the behaviour for any process whose reaction to an event depends on the state
 * it is in.
 *
 * <p>The machine holds a <em>state</em> ({@code St}, often an enum) and <em>data</em> ({@code D}).
 * Each event (a call, a cast, any other message, a timeout, an event it gave itself) goes to the
 * handler with both; the handler returns a {@link Transition}: the next state and data, and
 * {@link Action}s (replies, postpone, next events, timeouts).
 *
 * <h2>Two ways to write the handler</h2>
 *
 * <p>One handler for all states ({@code handle_event_function}): override
 * {@link #handleEvent}. State functions ({@code state_functions}): override
 * {@link #stateFunction} to return the function of each state, and write one method per state:
 *
 * <pre>{@code
 * enum Door { LOCKED, OPEN }
 *
 * final class CodeLock implements GenStatem<Door, String> {
 *     public StatemInit<Door, String> init() { return StatemInit.ok(Door.LOCKED, "1234"); }
 *
 *     public StateFunction<Door, String> stateFunction(Door state) {
 *         return switch (state) {              // exhaustive over the enum
 *             case LOCKED -> this::locked;
 *             case OPEN -> this::open;
 *         };
 *     }
 *
 *     Transition<Door, String> locked(EventType type, Object content, String code) {
 *         return switch (type) {
 *             case EventType.Call(From from) when content.equals(code) ->
 *                 GenStatem.nextState(Door.OPEN, code, Action.reply(from, "open"), Action.stateTimeout(10_000, "lock"));
 *             case EventType.Call(From from) -> GenStatem.keepStateAndData(Action.reply(from, "wrong"));
 *             default -> GenStatem.keepStateAndData();
 *         };
 *     }
 *
 *     Transition<Door, String> open(EventType type, Object content, String code) {
 *         return switch (type) {
 *             case EventType.Simple.STATE_TIMEOUT -> GenStatem.nextState(Door.LOCKED, code);
 *             case EventType.Call c -> GenStatem.keepStateAndData(Action.postpone()); // answered once locked
 *             default -> GenStatem.keepStateAndData();
 *         };
 *     }
 * }
 * }</pre>
 *
 * <h2>The rules, as Erlang's</h2>
 *
 * <ul>
 *   <li>Postponed events are retried, oldest first, after the next transition that changes the
 *       state; events from {@code nextEvent} go before them, in the order given.
 *   <li>With {@link #stateEnter()} on, the handler is called with {@link EventType#ENTER} and the
 *       previous state after every state change, after {@code repeatState}, and for the first
 *       state. An enter call may not change the state, postpone, or insert events.
 *   <li>The event timeout is cancelled by any event; the state timeout by a state change; a
 *       generic timeout only by a new one of its name or by cancelling it.
 *   <li>Failure, {@code terminate}, parent exits, names, {@code call} and {@code stop} are as
 *       {@link GenServer}'s, except that {@code call} waits forever by default, as Erlang's does.
 * </ul>
 *
 * @param <St> the state
 * @param <D> the data
 */
public interface GenStatem<St, D> {

    // ---- callbacks -----------------------------------------------------------------------------

    /** Runs in the new process before {@code start} returns: the first state and data. */
    StatemInit<St, D> init() throws Exception;

    /** Whether state enter calls are made: the callback mode's {@code state_enter}. Off by default. */
    default boolean stateEnter() {
        return false;
    }

    /**
     * Handles one event: {@code handle_event/4}. The default hands it to the function of the current
     * state from {@link #stateFunction}.
     */
    default Transition<St, D> handleEvent(EventType type, Object content, St state, D data) throws Exception {
        return stateFunction(state).handle(type, content, data);
    }

    /** The function that handles events in {@code state}; override this or {@link #handleEvent}. */
    default StateFunction<St, D> stateFunction(St state) {
        throw new UnsupportedOperationException(getClass().getName() + " overrides neither handleEvent nor stateFunction.");
    }

    /** Before the machine exits with {@code reason}: {@code terminate/3}. The default does nothing. */
    default void terminate(Object reason, St state, D data) throws Exception {}

    // ---- starting, stopping, requests ------------------------------------------------------------

    /** {@code gen_statem:start_link(Module, Args, [])}. */
    static Pid startLink(GenStatem<?, ?> machine) throws OtpException {
        return Gen.start(starter -> StatemLoop.run(machine, starter), true, null);
    }

    /** {@code gen_statem:start_link({local, Name}, Module, Args, [])}. */
    static Pid startLink(Name name, GenStatem<?, ?> machine) throws OtpException {
        return Gen.start(starter -> StatemLoop.run(machine, starter), true, name);
    }

    /** {@code gen_statem:start(Module, Args, [])}. */
    static Pid start(GenStatem<?, ?> machine) throws OtpException {
        return Gen.start(starter -> StatemLoop.run(machine, starter), false, null);
    }

    /** {@code gen_statem:start({local, Name}, Module, Args, [])}. */
    static Pid start(Name name, GenStatem<?, ?> machine) throws OtpException {
        return Gen.start(starter -> StatemLoop.run(machine, starter), false, name);
    }

    /** {@code gen_statem:stop(Server)}. */
    static void stop(Pid machine) {
        Gen.stop(machine, ExitReason.NORMAL, Proc.INFINITY);
    }

    /** {@code gen_statem:stop(Server, Reason, Timeout)}; fails as {@link GenServer#stop(Pid, Object, long)}. */
    static void stop(Pid machine, Object reason, long timeoutMs) {
        Gen.stop(machine, reason, timeoutMs);
    }

    /** {@code gen_statem:call(Server, Request)}: waits as long as it takes ({@code infinity}, Erlang's default). */
    static <T> T call(Pid machine, Object request) {
        return call(machine, request, Proc.INFINITY);
    }

    /** {@code gen_statem:call(Server, Request, Timeout)}; fails as {@link GenServer#call(Pid, Object, long)}. */
    @SuppressWarnings("unchecked")
    static <T> T call(Pid machine, Object request, long timeoutMs) {
        return (T) Gen.call(machine, request, timeoutMs, "gen_statem");
    }

    /** {@code gen_statem:call(Name, Request, Timeout)}. */
    @SuppressWarnings("unchecked")
    static <T> T call(String name, Object request, long timeoutMs) {
        return (T) Gen.call(name, request, timeoutMs, "gen_statem");
    }

    /** {@code gen_statem:cast(Server, Msg)}. */
    static void cast(Pid machine, Object message) {
        Gen.cast(machine, message);
    }

    /** {@code gen_statem:cast(Name, Msg)}. */
    static void cast(String name, Object message) {
        Gen.cast(name, message);
    }

    /** {@code gen_statem:reply(From, Reply)}, outside a transition's actions. */
    static boolean reply(From from, Object reply) {
        return GenServer.reply(from, reply);
    }

    // ---- transitions ----------------------------------------------------------------------------

    /** {@code {next_state, State, Data, Actions}}. */
    static <St, D> Transition<St, D> nextState(St state, D data, Action... actions) {
        return new Transition.NextState<>(state, data, List.of(actions));
    }

    /** {@code {keep_state, Data, Actions}}. */
    static <St, D> Transition<St, D> keepState(D data, Action... actions) {
        return new Transition.KeepState<>(data, false, List.of(actions));
    }

    /** {@code {keep_state_and_data, Actions}}. */
    static <St, D> Transition<St, D> keepStateAndData(Action... actions) {
        return new Transition.KeepState<>(null, true, List.of(actions));
    }

    /** {@code {repeat_state, Data, Actions}}. */
    static <St, D> Transition<St, D> repeatState(D data, Action... actions) {
        return new Transition.RepeatState<>(data, false, List.of(actions));
    }

    /** {@code {repeat_state_and_data, Actions}}. */
    static <St, D> Transition<St, D> repeatStateAndData(Action... actions) {
        return new Transition.RepeatState<>(null, true, List.of(actions));
    }

    /** {@code {stop, Reason}}: keeps the data. */
    static <St, D> Transition<St, D> stop(Object reason) {
        return new Transition.Stop<>(reason, null, true, List.of());
    }

    /** {@code {stop, Reason, Data}}. */
    static <St, D> Transition<St, D> stop(Object reason, D data) {
        return new Transition.Stop<>(reason, data, false, List.of());
    }

    /** {@code {stop_and_reply, Reason, Replies, Data}}: the replies go out before {@code terminate}. */
    static <St, D> Transition<St, D> stopAndReply(Object reason, D data, Action... replies) {
        return new Transition.Stop<>(reason, data, false, List.of(replies));
    }
}
