package dev.otpnet.otp;

import java.util.List;

/** The requests {@link Supervisor}'s functions send to the supervisor's process. */
sealed interface SupervisorCall {

    record StartChild(ChildSpec spec) implements SupervisorCall {}

    record StartDynamic(List<Object> extra) implements SupervisorCall {}

    record TerminateChild(Object idOrPid) implements SupervisorCall {}

    record RestartChild(Object id) implements SupervisorCall {}

    record DeleteChild(Object id) implements SupervisorCall {}

    record WhichChildren() implements SupervisorCall {}

    record CountChildren() implements SupervisorCall {}

    /** An {@code {error, Reason}} reply. */
    record Failed(Object reason) {}

    /** Sent to itself after a failed restart: Erlang's {@code {try_again_restart, Id}}. */
    record TryAgain(Child child) {}
}
