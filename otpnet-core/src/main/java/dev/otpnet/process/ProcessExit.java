package dev.otpnet.process;

import java.util.Objects;

/**
 * Thrown to unwind a process that is exiting: Erlang's {@code exit} exception.
 *
 * <p>It is thrown by {@link Proc#exit(Object)}, and by every {@code Proc} call a process makes
 * after it was killed by an exit signal (the signal also interrupts its thread so that blocking
 * calls wake up). Let it propagate: when it leaves the body, the process ends with
 * {@link #reason()}, and nothing is logged. A process that catches the one thrown by
 * {@link Proc#exit(Object)} lives on, as {@code catch exit(...)} does in Erlang; a process that was
 * killed is already dead for the rest of the system, and catching the exception does not revive it.
 */
public final class ProcessExit extends RuntimeException {

    private final transient Object reason;

    /** An exit with {@code reason}, which can be any object. */
    public ProcessExit(Object reason) {
        super("process exit: " + Objects.requireNonNull(reason, "reason"));
        this.reason = reason;
    }

    /** Why the process exits. */
    public Object reason() {
        return reason;
    }
}
