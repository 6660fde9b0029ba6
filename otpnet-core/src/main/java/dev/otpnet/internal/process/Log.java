package dev.otpnet.internal.process;

import dev.otpnet.process.Pid;
import java.lang.System.Logger.Level;

/** The process module's log lines, on the {@code System.Logger} named {@code dev.otpnet.process}. */
final class Log {

    private static final System.Logger LOGGER = System.getLogger("dev.otpnet.process");

    private Log() {}

    /** Erlang's "Error in process ... with exit value: ..." for a body that threw. */
    static void crashed(Pid pid, Object reason, Throwable exception) {
        LOGGER.log(Level.WARNING, "Error in process " + pid + " with exit value: " + reason, exception);
    }

    static void hookFailed(Pid pid, Throwable exception) {
        LOGGER.log(Level.WARNING, "An exit hook of process " + pid + " threw; the other hooks and signals go on", exception);
    }
}
