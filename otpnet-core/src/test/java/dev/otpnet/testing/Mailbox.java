package dev.otpnet.testing;

import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Proc;
import org.opentest4j.AssertionFailedError;

/** Receives what a test expects, failing (not hanging) when it does not come within the deadline. */
public final class Mailbox {
    public static final long DEADLINE_MS = 10_000;

    private Mailbox() {
    }

    public static <T> T next(Class<T> type) {
        return Proc.receive(type, DEADLINE_MS)
                .orElseThrow(() -> new AssertionFailedError("no " + type.getSimpleName() + " within "
                        + DEADLINE_MS + " ms"));
    }

    public static SocketMessage nextSocketMessage() {
        return next(SocketMessage.class);
    }
}
