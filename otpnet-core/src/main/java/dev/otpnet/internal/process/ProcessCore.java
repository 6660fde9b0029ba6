package dev.otpnet.internal.process;

import dev.otpnet.process.Pid;
import dev.otpnet.process.Ref;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The runtime side of one process: its mailbox, its life state, its links, monitors, registered
 * name and exit hooks. {@link Pid} is the public name; this is what the socket layer holds.
 *
 * <p>A process is alive until its exit reason is set, once, under {@link #lock}. From that instant
 * it is dead for everybody: {@link #isAlive()} is false, {@link #deliver} drops messages, and the
 * thread that set the reason goes on to run the exit hooks and signal links and monitors (see
 * {@link Signals}). The owner thread may still be unwinding; it is interrupted, and every
 * {@code Proc} call it makes throws {@code ProcessExit}.
 *
 * <p>Thread confinement: {@link #deliver}, {@link #onExit}, {@link #isAlive} and {@link #pid} from
 * any thread; {@link #transferMessages} and everything that reads the mailbox only from the owner
 * thread. The link, monitor, hook and name fields are guarded by {@link #lock}.
 */
public final class ProcessCore {

    final Object lock = new Object();
    final long id;
    final boolean adopted;

    private final Pid pid;
    private volatile Mailbox mailbox = new Mailbox();
    private volatile Object reason;
    private volatile boolean trapExit;
    private volatile Thread owner;

    // guarded by lock
    private boolean ownerInterrupted;
    Set<ProcessCore> links;
    Map<Ref, ProcessCore> watchers;
    Map<Ref, ProcessCore> watching;
    /** Exit hooks in the order added: one in {@link #firstHook} (a process owning one socket), a set from the second. */
    private Hook firstHook;
    private Set<Hook> hooks;
    String name;

    /** Owner thread only: an adopted thread was already told, by a ProcessExit, that this process died. */
    boolean reported;

    private ProcessCore(long id, boolean adopted, Thread owner) {
        this.id = id;
        this.pid = PidAccess.newPid(id, this);
        this.adopted = adopted;
        this.owner = owner;
    }

    /** A new live process, in the process table, owned by {@code owner} (which may not be started yet). */
    static ProcessCore create(boolean adopted, Thread owner) {
        ProcessCore core = new ProcessCore(ProcessTable.nextId(), adopted, owner);
        ProcessTable.add(core);
        return core;
    }

    /** The core behind {@code pid}; never null. A dead pid gives its dead core. */
    public static ProcessCore of(Pid pid) {
        return PidAccess.core(Objects.requireNonNull(pid, "pid"));
    }

    /**
     * The calling thread's process. A thread that is not a process is adopted as one, and so is an
     * adopted thread whose process died; a spawned process that was killed gets its dead core.
     */
    public static ProcessCore current() {
        return Current.current();
    }

    public Pid pid() {
        return pid;
    }

    public boolean isAlive() {
        return reason == null;
    }

    /** Sets the thread of a spawned process before it starts. */
    void setOwner(Thread thread) {
        owner = thread;
    }

    /** The exit reason, or null while alive. */
    Object reason() {
        return reason;
    }

    boolean trapsExits() {
        return trapExit;
    }

    /** Sets whether exit signals become {@code Exit} messages; returns the previous setting. */
    public boolean setTrapExit(boolean trap) {
        synchronized (lock) {
            boolean previous = trapExit;
            trapExit = trap;
            return previous;
        }
    }

    /** The mailbox, or null once dead. */
    Mailbox mailbox() {
        return mailbox;
    }

    /**
     * Puts {@code message} at the end of the mailbox and wakes the owner if it waits for one.
     * Lock-free; dropped if the process is dead. Any thread.
     */
    public void deliver(Object message) {
        Mailbox m = mailbox;
        if (m != null) {
            m.put(message);
        }
    }

    /**
     * Registers {@code hook} to run once with the exit reason when this process dies, before its
     * links and monitors are signalled. If the process is already dead, the hook runs now in the
     * calling thread. A hook that throws is logged and does not stop the others. Any thread.
     *
     * <p>The hook runs in whatever thread ends the process: the process's own thread as its body
     * ends, or the thread of a process that killed it, directly or through a chain of links. That
     * thread may itself be a dead process, where {@code Proc} calls throw {@code ProcessExit}: a
     * hook should release resources and use {@link #deliver} to tell others, not call {@code Proc}.
     * Keep hooks short and non-blocking; they delay the signals to links and monitors.
     */
    public ExitHook onExit(Consumer<Object> hook) {
        Hook h = new Hook(this, Objects.requireNonNull(hook, "hook"));
        synchronized (lock) {
            if (reason == null) {
                if (hooks != null) {
                    hooks.add(h);
                } else if (firstHook == null) {
                    firstHook = h;
                } else {
                    hooks = new LinkedHashSet<>();
                    hooks.add(firstHook);
                    hooks.add(h);
                    firstHook = null;
                }
                return h;
            }
        }
        h.run(reason);
        return h;
    }

    void forget(Hook h) {
        synchronized (lock) {
            if (firstHook == h) {
                firstHook = null;
            } else if (hooks != null) {
                hooks.remove(h);
            }
        }
    }

    /**
     * Moves the queued messages {@code which} accepts, oldest first, to the end of {@code to}'s
     * mailbox (dropped if {@code to} is dead) and returns how many left this mailbox. Only the
     * owner thread may call it: it is the receiving end of the mailbox.
     *
     * @throws IllegalStateException if the calling thread is not this process's owner
     */
    public int transferMessages(Predicate<Object> which, ProcessCore to) {
        Objects.requireNonNull(which, "which");
        Objects.requireNonNull(to, "to");
        Mailbox m = mailbox;
        if (m == null) {
            return 0;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("Only the owner thread of " + pid + " may move its messages.");
        }
        return m.takeAll(which, to::deliver);
    }

    /**
     * How many messages are queued, 0 if dead: Erlang's {@code message_queue_len}. A snapshot,
     * exact when the owner is not receiving meanwhile; counts by walking the queue. Any thread.
     */
    public int queueLength() {
        Mailbox m = mailbox;
        return m == null ? 0 : m.size();
    }

    /**
     * Sets the exit reason if still alive and takes what must be signalled, leaving this core
     * empty. Interrupts the owner thread unless the caller is that thread. Null if already dead.
     */
    Death markDead(Object exitReason) {
        synchronized (lock) {
            if (reason != null) {
                return null;
            }
            reason = exitReason;
            mailbox = null;
            if (name != null) {
                Registry.forget(name, pid);
                name = null;
            }
            Thread t = owner;
            owner = null;
            if (t != null && t != Thread.currentThread()) {
                ownerInterrupted = true;
                t.interrupt();
            }
            Death death = new Death(this, exitReason, links, watchers, watching,
                    hooks != null ? hooks : firstHook != null ? List.of(firstHook) : null);
            links = null;
            watchers = null;
            watching = null;
            firstHook = null;
            hooks = null;
            ProcessTable.remove(this);
            return death;
        }
    }

    /** Clears the interrupt this core's death put on the calling (owner) thread, if it did. */
    void clearExitInterrupt() {
        synchronized (lock) {
            if (ownerInterrupted) {
                ownerInterrupted = false;
                Thread.interrupted();
            }
        }
    }

    /** What a dying core leaves to signal: its links, monitors both ways and exit hooks. */
    record Death(
            ProcessCore core,
            Object reason,
            Set<ProcessCore> links,
            Map<Ref, ProcessCore> watchers,
            Map<Ref, ProcessCore> watching,
            Collection<Hook> hooks) {}

    Set<ProcessCore> linksForUpdate() {
        if (links == null) {
            links = new HashSet<>();
        }
        return links;
    }

    Map<Ref, ProcessCore> watchersForUpdate() {
        if (watchers == null) {
            watchers = new HashMap<>();
        }
        return watchers;
    }

    Map<Ref, ProcessCore> watchingForUpdate() {
        if (watching == null) {
            watching = new HashMap<>();
        }
        return watching;
    }

    @Override
    public String toString() {
        return "ProcessCore" + pid + (isAlive() ? "" : " dead: " + reason);
    }
}
