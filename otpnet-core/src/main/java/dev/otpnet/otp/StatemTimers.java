package dev.otpnet.otp;

import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.Ref;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link GenStatem}'s running timeouts: at most one event timeout, one state timeout, and one
 * generic timeout per name. As in Erlang, a timeout that expires becomes a message in the
 * machine's mailbox ({@link Fired}), so it takes its place among the messages in the order they
 * arrived; a timer cancelled or replaced after it fired leaves a stale message that is dropped.
 * A zero state or generic timeout skips the mailbox: it is an event queued at once, after those
 * already queued, as Erlang does.
 */
final class StatemTimers {

    /** The message a timer sends when it expires. */
    record Fired(Ref ref) {}

    private record Running(Ref ref, Object content, Future<?> future) {}

    /** One daemon thread for all machines' timers; it only sends messages. */
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "otpnet-statem-timers");
        t.setDaemon(true);
        return t;
    });

    private final Map<EventType, Running> running = new HashMap<>();

    /**
     * Starts, restarts or (with {@link Proc#INFINITY}) cancels the timer the action names. Returns
     * the content of a zero state or generic timeout, which the caller queues as an event; else null.
     */
    Object set(Action.Timeout timeout) {
        cancel(timeout.type());
        if (timeout.ms() == Proc.INFINITY) {
            return null;
        }
        if (timeout.ms() == 0 && timeout.type() != EventType.TIMEOUT) {
            return timeout.content();
        }
        Ref ref = Proc.makeRef();
        Pid self = Proc.self();
        Future<?> future = timeout.ms() == 0
                ? sendNow(self, ref)
                : SCHEDULER.schedule(() -> self.send(new Fired(ref)), timeout.ms(), TimeUnit.MILLISECONDS);
        running.put(timeout.type(), new Running(ref, timeout.content(), future));
        return null;
    }

    private static Future<?> sendNow(Pid self, Ref ref) {
        self.send(new Fired(ref));
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** Cancels the timer of {@code type}, if it runs. */
    void cancel(EventType type) {
        Running r = running.remove(type);
        if (r != null) {
            r.future().cancel(false);
        }
    }

    /** Cancels them all: the machine is ending. */
    void cancelAll() {
        running.values().forEach(r -> r.future().cancel(false));
        running.clear();
    }

    /** The timeout event {@code fired} stands for, as {type, content}; null if that timer was cancelled or replaced. */
    Object[] fired(Fired fired) {
        for (Map.Entry<EventType, Running> e : running.entrySet()) {
            if (e.getValue().ref().equals(fired.ref())) {
                running.remove(e.getKey());
                return new Object[] {e.getKey(), e.getValue().content()};
            }
        }
        return null;
    }
}
