package dev.otpnet.otp;

import dev.otpnet.process.Crash;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import java.lang.System.Logger.Level;

/**
 * The behaviours' reports, on the {@code System.Logger} named {@code dev.otpnet.otp}: what
 * Erlang's logger prints for a gen_server or gen_statem that terminates abnormally and for a
 * supervisor whose child fails.
 */
final class OtpLog {

    private static final System.Logger LOGGER = System.getLogger("dev.otpnet.otp");

    private OtpLog() {}

    /** Whether {@code reason} is an orderly end that is not reported: normal, shutdown, {shutdown, _}. */
    static boolean isOrderly(Object reason) {
        return reason == ExitReason.NORMAL || reason == ExitReason.SHUTDOWN || reason instanceof ShutdownWith;
    }

    /** "** Generic server ... terminating", for an abnormal reason only. */
    static void terminating(String kind, Pid pid, Object lastMessage, Object state, Object reason) {
        if (isOrderly(reason)) {
            return;
        }
        LOGGER.log(Level.ERROR, "** " + kind + " " + pid + " terminating\n"
                + "** Last message in was " + lastMessage + "\n"
                + "** When state == " + state + "\n"
                + "** Reason for termination ==\n** " + reason, thrown(reason));
    }

    /** An info message no callback expected (gen_server's default {@code handle_info}). */
    static void unexpected(String kind, Pid pid, Object message) {
        LOGGER.log(Level.WARNING, "** Undefined handle_info in " + kind + " " + pid + "\n** Unhandled message: " + message);
    }

    /** A supervisor report: {@code child_terminated}, {@code start_error}, {@code shutdown_error}... */
    static void supervisor(Pid supervisor, String context, Object childId, Pid child, Object reason) {
        LOGGER.log(Level.ERROR, "Supervisor: " + supervisor + "\n    Context: " + context
                + "\n    Reason: " + reason + "\n    Offender: [{id," + childId + "},{pid," + child + "}]", thrown(reason));
    }

    /** The supervisor gave up: restarts exceeded the intensity. */
    static void intensityReached(Pid supervisor, int intensity, long periodMs) {
        LOGGER.log(Level.ERROR, "Supervisor: " + supervisor + "\n    Context: shutdown\n    Reason: reached_max_restart_intensity"
                + " (more than " + intensity + " restarts in " + periodMs + " ms)");
    }

    private static Throwable thrown(Object reason) {
        return reason instanceof Crash crash ? crash.exception() : null;
    }
}
