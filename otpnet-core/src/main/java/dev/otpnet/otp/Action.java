package dev.otpnet.otp;

import dev.otpnet.process.Proc;
import java.util.Objects;

/**
 * What a {@link GenStatem} transition asks for besides the new state and data: Erlang's
 * {@code action()}. Actions run in list order when the transition is taken.
 *
 * <ul>
 *   <li>{@link #reply(From, Object)}: answer a call, now.
 *   <li>{@link #postpone()}: keep the current event and retry it after the next state change.
 *       The classic use: a state that cannot handle a request yet leaves it for the state that can.
 *   <li>{@link #nextEvent(EventType, Object)}: handle this event next, before anything queued.
 *   <li>{@link #eventTimeout(long, Object)}: if no event at all comes within the time, a
 *       {@code timeout} event; any event cancels it.
 *   <li>{@link #stateTimeout(long, Object)}: a {@code state_timeout} event unless the state changes
 *       first; events within the state do not cancel it.
 *   <li>{@link #genericTimeout(Object, long, Object)}: a named {@code {timeout, Name}} event; neither
 *       events nor state changes cancel it; a new one with the same name replaces it.
 *   <li>{@link #HIBERNATE}: accepted and a no-op, as in {@link GenServer}.
 * </ul>
 *
 * <p>A time of {@link Proc#INFINITY} cancels that timer (the {@code cancel...} helpers say so).
 */
public sealed interface Action {

    /** {@code {reply, From, Reply}}. */
    record Reply(From from, Object reply) implements Action {
        public Reply {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(reply, "reply");
        }
    }

    /** {@code postpone}. */
    record Postpone() implements Action {}

    /** {@code {next_event, Type, Content}}. */
    record NextEvent(EventType type, Object content) implements Action {
        public NextEvent {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(content, "content");
            if (type == EventType.ENTER) {
                throw new IllegalArgumentException("An enter call cannot be inserted as a next_event.");
            }
        }
    }

    /** A timeout of any kind: {@code type} is {@link EventType#TIMEOUT}, {@link EventType#STATE_TIMEOUT} or a {@link EventType.GenericTimeout}. */
    record Timeout(EventType type, long ms, Object content) implements Action {
        public Timeout {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(content, "content");
            if (!(type == EventType.TIMEOUT || type == EventType.STATE_TIMEOUT || type instanceof EventType.GenericTimeout)) {
                throw new IllegalArgumentException("A timeout action is timeout, state_timeout or {timeout, Name}, not " + type + ".");
            }
            if (ms < 0 && ms != Proc.INFINITY) {
                throw new IllegalArgumentException("A timeout must be 0 or more milliseconds, or INFINITY, not " + ms + ".");
            }
        }
    }

    /** {@code hibernate}. */
    record Hibernate() implements Action {}

    Action HIBERNATE = new Hibernate();

    static Action reply(From from, Object reply) {
        return new Reply(from, reply);
    }

    static Action postpone() {
        return new Postpone();
    }

    static Action nextEvent(EventType type, Object content) {
        return new NextEvent(type, content);
    }

    /** {@code {timeout, Time, Content}}: the event timeout. */
    static Action eventTimeout(long ms, Object content) {
        return new Timeout(EventType.TIMEOUT, ms, content);
    }

    /** {@code {state_timeout, Time, Content}}. */
    static Action stateTimeout(long ms, Object content) {
        return new Timeout(EventType.STATE_TIMEOUT, ms, content);
    }

    /** {@code {state_timeout, cancel}}. */
    static Action cancelStateTimeout() {
        return new Timeout(EventType.STATE_TIMEOUT, Proc.INFINITY, Atom.UNDEFINED);
    }

    /** {@code {{timeout, Name}, Time, Content}}: a generic timeout. */
    static Action genericTimeout(Object name, long ms, Object content) {
        return new Timeout(new EventType.GenericTimeout(name), ms, content);
    }

    /** {@code {{timeout, Name}, cancel}}. */
    static Action cancelGenericTimeout(Object name) {
        return new Timeout(new EventType.GenericTimeout(name), Proc.INFINITY, Atom.UNDEFINED);
    }
}
