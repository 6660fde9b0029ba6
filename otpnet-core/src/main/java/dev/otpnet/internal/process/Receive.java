package dev.otpnet.internal.process;

import dev.otpnet.internal.time.Deadline;
import dev.otpnet.process.ProcessExit;
import java.util.List;
import java.util.function.Predicate;

/**
 * Erlang's {@code receive ... after T -> ... end} on the calling process's mailbox.
 *
 * <p>The oldest message the pattern accepts is taken; the others stay, in order. The wait ends
 * with a message, the timeout, or the death of the process ({@link ProcessExit}). An interrupt
 * that does not come from an exit signal does not end the wait; the thread's interrupt status is
 * restored on return.
 */
public final class Receive {

    private Receive() {}

    /**
     * The oldest queued message {@code which} accepts (any if null), waiting up to
     * {@code timeoutMs} milliseconds ({@link Deadline#INFINITY}: forever, 0: not at all); null on timeout.
     */
    public static Object take(Predicate<Object> which, long timeoutMs) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException(
                    "The receive timeout must be 0 or more milliseconds (or INFINITY), not " + timeoutMs + ".");
        }
        ProcessCore self = Current.alive();
        Mailbox mailbox = mailboxOf(self);
        Object message = mailbox.take(which);
        if (message != Mailbox.NONE) {
            return message;
        }
        Deadline deadline = Deadline.after(timeoutMs);
        boolean forever = deadline.isInfinite();
        boolean interrupted = false;
        try {
            while (true) {
                Current.checkAlive(self);
                long wait = 0;
                if (!forever) {
                    wait = deadline.remainingNanos();
                    if (wait <= 0) {
                        return null;
                    }
                }
                mailbox.await(wait);
                if (Thread.interrupted()) {
                    Current.checkAlive(self);
                    interrupted = true;
                }
                message = mailbox.takeIncoming(which);
                if (message != Mailbox.NONE) {
                    return message;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Removes and returns every queued message of the calling process: the shell's {@code flush()}. */
    public static List<Object> flush() {
        return mailboxOf(Current.alive()).drain();
    }

    private static Mailbox mailboxOf(ProcessCore self) {
        Mailbox mailbox = self.mailbox();
        if (mailbox == null) {
            throw Current.exitOf(self);
        }
        return mailbox;
    }
}
