package dev.otpnet.process;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The exit reason of a process whose code threw an exception: Erlang's
 * {@code {Class, Reason, Stacktrace}}.
 *
 * <p>Links and monitors of the crashed process receive this record as the reason, so a
 * supervisor or a trapping parent can see what went wrong. The crash is logged once, by the
 * process that crashed, at {@code WARNING} on the {@code System.Logger} named
 * {@code dev.otpnet.process} (Erlang's crash report); the processes it takes down through links are
 * not logged again.
 *
 * <p>Java has one class of exception where Erlang has three ({@code error}, {@code exit},
 * {@code throw}): a thrown {@link Throwable} is always {@code error}. An Erlang {@code exit} is
 * {@link Proc#exit(Object)}, which ends the process with its plain reason and is not a crash.
 *
 * <p>{@link #toString()} prints the Erlang shape with the first {@value #FRAMES_SHOWN} frames:
 * {@code {error,{java.lang.IllegalStateException,"boom"},[{com.example.Handler,handleInfo,"Handler.java",42},...]}}.
 *
 * @param exception what the code threw
 */
public record Crash(Throwable exception) {

    /** How many stack frames {@link #toString()} prints. */
    public static final int FRAMES_SHOWN = 3;

    public Crash {
        Objects.requireNonNull(exception, "exception");
    }

    /** Erlang's class of the exception: always {@code error} for a Java throwable. */
    public String kind() {
        return "error";
    }

    /**
     * The reason part, {@code {java.lang.IllegalStateException,"message"}}, or
     * {@code {java.lang.IllegalStateException,undefined}} when the exception has no message.
     */
    public String reason() {
        String message = exception.getMessage();
        return "{" + exception.getClass().getName() + ","
                + (message == null ? "undefined" : '"' + message + '"') + "}";
    }

    /** Where it was thrown, innermost frame first. */
    public List<StackTraceElement> stacktrace() {
        return List.of(exception.getStackTrace());
    }

    @Override
    public String toString() {
        StackTraceElement[] frames = exception.getStackTrace();
        String shown = Arrays.stream(frames, 0, Math.min(FRAMES_SHOWN, frames.length))
                .map(Crash::frame)
                .collect(Collectors.joining(","));
        String more = frames.length > FRAMES_SHOWN ? ",..." : "";
        return "{" + kind() + "," + reason() + ",[" + shown + more + "]}";
    }

    private static String frame(StackTraceElement e) {
        return "{" + e.getClassName() + "," + e.getMethodName() + ","
                + (e.getFileName() == null ? "undefined" : '"' + e.getFileName() + '"') + ","
                + (e.getLineNumber() < 0 ? "undefined" : e.getLineNumber()) + "}";
    }
}
