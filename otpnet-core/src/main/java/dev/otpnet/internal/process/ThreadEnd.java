package dev.otpnet.internal.process;

import static dev.otpnet.process.ExitReason.NORMAL;

import dev.otpnet.process.Crash;
import dev.otpnet.process.ProcessExit;
import java.lang.Thread.UncaughtExceptionHandler;

/**
 * Ends an adopted thread's process when the thread itself ends, as a spawned process ends when its
 * body returns: with {@code normal}, or with a {@link Crash} of the exception that killed the
 * thread. Its sockets close and its links and monitors fire, like any other process's.
 *
 * <p>The first adoption of a thread starts one small virtual thread that waits for the thread to
 * terminate ({@link Thread#join()}), then ends whichever process the thread is at that moment (a
 * long-lived thread may be adopted several times). The exception is caught by wrapping the
 * thread's uncaught-exception handler: the wrapper ends the process with the crash, in the dying
 * thread, then calls the handler that was there before, so the thread's own handler (or its
 * group's default, which prints the stack trace) still runs. A handler set on the thread after it
 * was adopted replaces the wrapper; the process then ends with {@code normal} when the thread ends.
 */
final class ThreadEnd implements UncaughtExceptionHandler {

    /** The calling thread's watch, once it has been adopted. */
    private static final ThreadLocal<ThreadEnd> WATCH = new ThreadLocal<>();

    private final UncaughtExceptionHandler previous;
    /** The thread's current process; replaced when the thread is adopted anew. */
    private volatile ProcessCore core;

    private ThreadEnd(UncaughtExceptionHandler previous) {
        this.previous = previous;
    }

    /** Called on the adopted thread: its process {@code core} ends when the thread ends. */
    static void watch(ProcessCore core) {
        ThreadEnd watch = WATCH.get();
        if (watch == null) {
            Thread thread = Thread.currentThread();
            watch = new ThreadEnd(thread.getUncaughtExceptionHandler());
            WATCH.set(watch);
            thread.setUncaughtExceptionHandler(watch);
            ThreadEnd w = watch;
            Thread.ofVirtual().name("otpnet-adopted-" + thread.threadId()).start(() -> w.awaitEnd(thread));
        }
        watch.core = core;
    }

    private void awaitEnd(Thread thread) {
        boolean joined = false;
        while (!joined) {
            try {
                thread.join();
                joined = true;
            } catch (InterruptedException e) {
                // nobody should interrupt this thread; keep waiting for the end it watches
            }
        }
        ProcessCore c = core;
        if (c != null) {
            Signals.terminate(c, NORMAL);
        }
    }

    @Override
    public void uncaughtException(Thread thread, Throwable e) {
        ProcessCore c = core;
        if (c != null) {
            Signals.terminate(c, e instanceof ProcessExit exit ? exit.reason() : new Crash(e));
            // This is the owner thread: it knows it is dead, so the handler below may still send.
            c.reported = true;
            c.clearExitInterrupt();
        }
        if (previous != null) {
            previous.uncaughtException(thread, e);
        }
    }
}
