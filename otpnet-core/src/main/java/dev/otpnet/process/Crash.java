package dev.otpnet.process;

import java.util.Objects;

/**
 * The exit reason of a process whose body threw an exception (Erlang's {@code {Reason, Stack}}).
 *
 * <p>Links and monitors of the crashed process receive this record as the reason, so a
 * supervisor or a trapping parent can see what went wrong. The crash is logged once, by the
 * process that crashed, at {@code WARNING} on the {@code System.Logger} named
 * {@code dev.otpnet.process}.
 *
 * @param exception what the body threw
 */
public record Crash(Throwable exception) {

    public Crash {
        Objects.requireNonNull(exception, "exception");
    }

    /** Erlang's shape: {@code {java.lang.IllegalStateException,"message"}}, {@code undefined} without one. */
    @Override
    public String toString() {
        String message = exception.getMessage();
        return "{" + exception.getClass().getName() + ","
                + (message == null ? "undefined" : '"' + message + '"') + "}";
    }
}
