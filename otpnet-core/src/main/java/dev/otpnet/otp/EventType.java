package dev.otpnet.otp;

import java.util.Objects;

/**
 * What kind of event a {@link GenStatem} handles: Erlang's {@code event_type()}.
 *
 * <ul>
 *   <li>{@link Call}: a {@link GenStatem#call}; answer with {@link Action#reply(From, Object)}.
 *   <li>{@link #CAST}, {@link #INFO}: a {@link GenStatem#cast}, or any other message.
 *   <li>{@link #TIMEOUT}, {@link #STATE_TIMEOUT}, {@link GenericTimeout}: a timeout fired; the
 *       content is what the timeout action carried.
 *   <li>{@link #INTERNAL}: an event the machine gave itself with {@link Action#nextEvent}.
 *   <li>{@link #ENTER}: the state enter call, when {@link GenStatem#stateEnter()} is on; the
 *       content is the previous state.
 * </ul>
 */
public sealed interface EventType {

    /** {@code {call, From}}. */
    record Call(From from) implements EventType {
        public Call {
            Objects.requireNonNull(from, "from");
        }

        @Override
        public String toString() {
            return "{call," + from + "}";
        }
    }

    /** {@code cast}, {@code info}, {@code timeout}, {@code state_timeout}, {@code internal}, {@code enter}. */
    enum Simple implements EventType {
        CAST("cast"),
        INFO("info"),
        TIMEOUT("timeout"),
        STATE_TIMEOUT("state_timeout"),
        INTERNAL("internal"),
        ENTER("enter");

        private final String atom;

        Simple(String atom) {
            this.atom = atom;
        }

        @Override
        public String toString() {
            return atom;
        }
    }

    /** {@code {timeout, Name}}: a generic timeout. */
    record GenericTimeout(Object name) implements EventType {
        public GenericTimeout {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "{timeout," + name + "}";
        }
    }

    Simple CAST = Simple.CAST;
    Simple INFO = Simple.INFO;
    /** The event timeout. */
    Simple TIMEOUT = Simple.TIMEOUT;
    Simple STATE_TIMEOUT = Simple.STATE_TIMEOUT;
    Simple INTERNAL = Simple.INTERNAL;
    Simple ENTER = Simple.ENTER;
}
