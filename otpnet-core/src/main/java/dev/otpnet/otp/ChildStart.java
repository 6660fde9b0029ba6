package dev.otpnet.otp;

import dev.otpnet.process.Pid;
import java.util.List;

/**
 * How a supervisor starts a child: the {@code start => {M, F, A}} of Erlang's child spec, as a
 * function. It runs in the supervisor's process and must start the child linked to it (all the
 * {@code startLink} functions do) and return its pid.
 *
 * <p>{@code extra} is empty, except under {@link Strategy#SIMPLE_ONE_FOR_ONE}, where it holds the
 * arguments given to {@link Supervisor#startChild(Pid, List)}: Erlang appends them to {@code A}.
 * A start that throws {@link OtpException} with {@link Atom#IGNORE} ({@code init} returned
 * {@code ignore}) leaves the child unstarted; any other exception is a failed start.
 */
@FunctionalInterface
public interface ChildStart {

    /** Starts the child linked to the calling supervisor and returns its pid. */
    Pid start(List<Object> extra) throws Exception;
}
