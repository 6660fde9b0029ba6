package dev.otpnet.internal.conn;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.internal.process.ExitHook;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.process.Pid;
import java.util.function.BiConsumer;

/**
 * A socket's controlling process, and the hook that closes the socket when that process exits.
 * Holds gen_tcp's rule for {@code controlling_process/2} in one place: only the owner may hand the
 * socket on ({@code not_owner}), and only to a live process ({@code badarg}).
 *
 * <p>Thread-safe. {@link #owner()} is a volatile read, for the delivery hot path.
 */
public final class Ownership {
    private final Runnable onOwnerExit;
    private volatile ProcessCore owner;
    private ExitHook hook;

    /** The socket belongs to {@code owner}; {@code onOwnerExit} closes it. Call {@link #attach} to start watching. */
    public Ownership(ProcessCore owner, Runnable onOwnerExit) {
        this.owner = owner;
        this.onOwnerExit = onOwnerExit;
    }

    /** Ties the socket's life to its owner's (at once, if the owner is already dead). */
    public void attach() {
        ExitHook h = owner.onExit(reason -> onOwnerExit.run());
        synchronized (this) {
            hook = h;
        }
    }

    /** Stops watching the owner: the socket closed, or another layer takes it over. */
    public synchronized void release() {
        if (hook != null) {
            hook.cancel();
            hook = null;
        }
    }

    public ProcessCore owner() {
        return owner;
    }

    public Pid pid() {
        return owner.pid();
    }

    /**
     * {@code controlling_process/2}: makes {@code pid} the owner. The caller must be the owner
     * ({@code not_owner}) and {@code pid} alive ({@code badarg}). {@code beforeSwitch} runs with the
     * old and new owner just before the switch, to move the socket's queued messages.
     */
    public synchronized void transfer(Pid pid, BiConsumer<ProcessCore, ProcessCore> beforeSwitch)
            throws InetException {
        ProcessCore caller = ProcessCore.current();
        if (caller != owner) {
            throw new InetException(InetError.NOT_OWNER);
        }
        ProcessCore target = ProcessCore.of(pid);
        if (!target.isAlive()) {
            throw new InetException(InetError.BADARG, pid + " is not a live process", null);
        }
        if (target == owner) {
            return;
        }
        beforeSwitch.accept(caller, target);
        boolean watching = hook != null;
        release();
        owner = target;
        if (watching) {
            hook = target.onExit(reason -> onOwnerExit.run());
        }
    }
}
