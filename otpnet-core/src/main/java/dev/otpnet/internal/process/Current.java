package dev.otpnet.internal.process;

import dev.otpnet.process.ExitReason;
import dev.otpnet.process.ProcessExit;

/**
 * Which process the calling thread is, and what a call does when that process is dead.
 *
 * <p>A spawned process's thread is bound to its core for life; once the process is dead, every
 * {@code Proc} call it makes throws {@link ProcessExit}. A thread that is not a process (main, a
 * JUnit thread, a pool thread) is adopted as a new process by its first call that needs one. An
 * adopted thread whose process died is told so once, by a {@link ProcessExit} from its next call
 * ({@link #self()} excepted); after that, or on {@link #self()}, it is adopted anew as a new
 * process, so a long-lived thread survives the death of the process it was. When an adopted thread
 * ends, so does its process ({@link ThreadEnd}); {@link #release()} ends it earlier.
 */
public final class Current {

    private static final ThreadLocal<ProcessCore> CORE = new ThreadLocal<>();

    private Current() {}

    /** Binds a spawned process's thread to its core; called first thing by that thread. */
    static void bind(ProcessCore core) {
        CORE.set(core);
    }

    /**
     * The calling thread's live process, adopting the thread if needed.
     *
     * @throws ProcessExit if the calling process is dead
     */
    public static ProcessCore alive() {
        ProcessCore core = CORE.get();
        if (core == null || core.isAlive()) {
            return core == null ? adopt() : core;
        }
        if (core.adopted && core.reported) {
            return adopt();
        }
        throw exitOf(core);
    }

    /** The calling thread's process as bound now, dead or alive, or null if it is none yet; adopts nobody. */
    public static ProcessCore peek() {
        return CORE.get();
    }

    /**
     * For calls that do not need the caller to be a process (a send): throws if the caller is a
     * dead process, like {@link #alive()}, but adopts nobody.
     */
    public static void checkNotDead() {
        ProcessCore core = CORE.get();
        if (core != null && !core.isAlive() && !(core.adopted && core.reported)) {
            throw exitOf(core);
        }
    }

    /** Something a process takes from the outside world: a read, an accept. */
    @FunctionalInterface
    public interface Taking<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code action} so that the calling process cannot die in the middle: a kill that comes
     * meanwhile waits until it returns. What the action takes (bytes from a socket, a connection
     * from a listen socket) is therefore taken before anyone hears of the death, as in Erlang, where
     * a process cannot die inside a driver or NIF call; without this, a process killed as it began
     * a read could take bytes its peer sent after seeing the {@code DOWN}, and lose them. Only for
     * actions that do not block (a non-blocking read or accept): a link, monitor or exit signal for
     * the caller waits as long as the action runs.
     *
     * @throws ProcessExit if the calling process is already dead; the action then does not run
     */
    public static <T, E extends Exception> T whileAlive(Taking<T, E> action) throws E {
        ProcessCore core = CORE.get();
        if (core == null) {
            return action.run();
        }
        synchronized (core.lock) {
            checkNotDead();
            return action.run();
        }
    }

    /**
     * {@code self()}: the caller's process; an adopted thread whose process died is adopted anew.
     *
     * @throws ProcessExit if the caller is a spawned process that is dead
     */
    public static ProcessCore self() {
        ProcessCore core = current();
        if (!core.isAlive()) {
            throw exitOf(core);
        }
        return core;
    }

    /** {@link ProcessCore#current()}: like {@link #self()} but gives a spawned process its dead core. */
    static ProcessCore current() {
        ProcessCore core = CORE.get();
        if (core == null) {
            return adopt();
        }
        if (core.adopted && !core.isAlive()) {
            core.clearExitInterrupt();
            return adopt();
        }
        return core;
    }

    /**
     * Ends the calling adopted thread's process with {@code normal} and forgets it, so the thread
     * is no process until its next call that needs one. A thread that is no process, or whose
     * process already died, just forgets it.
     *
     * @throws IllegalStateException if the caller is a spawned process
     */
    public static void release() {
        ProcessCore core = CORE.get();
        if (core == null) {
            return;
        }
        if (!core.adopted) {
            throw new IllegalStateException("release() is for adopted threads; a spawned process ends when its"
                    + " body returns (or with Proc.exit)");
        }
        Signals.terminate(core, ExitReason.NORMAL);
        core.clearExitInterrupt();
        CORE.remove();
    }

    /** After a call that sent exit signals: throws if they killed the caller. */
    public static void checkAlive(ProcessCore self) {
        if (!self.isAlive()) {
            throw exitOf(self);
        }
    }

    /** The exception that tells the owner thread of dead {@code core} that it is dead. */
    static ProcessExit exitOf(ProcessCore core) {
        core.reported = true;
        core.clearExitInterrupt();
        return new ProcessExit(core.reason());
    }

    private static ProcessCore adopt() {
        ProcessCore core = ProcessCore.create(true, Thread.currentThread());
        CORE.set(core);
        ThreadEnd.watch(core);
        return core;
    }
}
