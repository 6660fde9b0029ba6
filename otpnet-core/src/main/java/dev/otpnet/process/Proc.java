package dev.otpnet.process;

import dev.otpnet.internal.process.Current;
import dev.otpnet.internal.process.Links;
import dev.otpnet.internal.process.Monitors;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.internal.process.ProcessTable;
import dev.otpnet.internal.process.Receive;
import dev.otpnet.internal.process.Registry;
import dev.otpnet.internal.process.Signals;
import dev.otpnet.internal.process.Spawner;
import dev.otpnet.internal.process.Spawner.Tie;
import dev.otpnet.internal.time.Deadline;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Erlang processes: the functions of the {@code erlang} module that spawn, link, monitor, signal
 * and receive.
 *
 * <h2>The model</h2>
 *
 * <p>A process is a virtual thread with a mailbox, named by a {@link Pid}. Processes share
 * nothing they do not choose to: they talk by {@linkplain #send(Pid, Object) sending} messages,
 * which are any non-null objects (records are the natural choice), and each one
 * {@linkplain #receive() receives} from its own mailbox. Sending never blocks and never fails; a
 * message to a dead process is dropped. Receiving is selective: {@link #receive(Predicate)} takes
 * the oldest message the predicate accepts and leaves the others in the mailbox, in their order.
 *
 * <pre>{@code
 * Pid echo = Proc.spawn(() -> {
 *     while (true) {
 *         if (Proc.receive(Ping.class) instanceof Ping(Pid from, String text)) {
 *             from.send(new Pong(text));
 *         }
 *     }
 * });
 * echo.send(new Ping(Proc.self(), "hello"));
 * Pong pong = Proc.receive(Pong.class);
 * }</pre>
 *
 * <h2>Failure</h2>
 *
 * <p>A process ends when its body returns (reason {@link ExitReason#NORMAL}), when the body
 * throws (reason {@link Crash}, Erlang's {@code {error, Reason, Stacktrace}}, logged once), when it calls {@link #exit(Object)}, or when an exit
 * signal kills it. {@linkplain #link(Pid) Links} are two-way: when one end dies, the other gets an
 * exit signal with the same reason, which kills it unless the reason is {@code normal}; a process
 * that {@linkplain #trapExit(boolean) traps exits} gets an {@link Exit} message instead.
 * {@linkplain #monitor(Pid) Monitors} are one-way and never kill: the watcher gets a {@link Down}
 * message. {@link #exit(Pid, Object) exit(pid, KILL)} kills even a trapping process, which then
 * dies with {@code killed}. This is how supervisors restart what failed.
 *
 * <p>A process killed by a signal is dead for the rest of the system at once (its links and
 * monitors signalled, its name gone) even while its thread is still running Java code; its thread
 * is interrupted so that blocking calls wake, and every {@code Proc} call it makes from then on
 * throws {@link ProcessExit}. Let that exception propagate.
 *
 * <h2>Threads</h2>
 *
 * <p>Every method may be called from any thread and acts for the calling process. A thread that
 * is not a process (such as {@code main}) becomes one, an <em>adopted</em> process, the first time
 * it calls a method that needs a caller process; {@link #send(Pid, Object)} does not need one. An
 * adopted thread whose process was killed is told so once, by a {@link ProcessExit}; its next
 * call, or {@link #self()} at any time, adopts it again as a new process.
 *
 * <p>An adopted process ends when its thread ends, as a spawned one ends when its body returns:
 * with {@code normal}, or with a {@link Crash} of the exception that killed the thread. Its
 * sockets close and its links and monitors fire. A thread that outlives its work (a pool thread
 * between tasks) stays the same process, mailbox and sockets included, until it ends, is killed,
 * calls {@link #exit(Object)}, or calls {@link #release()} to end its process with {@code normal}.
 */
public final class Proc {

    /**
     * Erlang's {@code infinity} as a timeout: wait forever. The same value as
     * {@link dev.otpnet.inet.Inet#INFINITY}: the library has one infinity.
     */
    public static final long INFINITY = Deadline.INFINITY;

    private static final Tie NONE = new Tie.None();
    private static final Tie LINK = new Tie.Link();

    private Proc() {}

    // ---- spawning ------------------------------------------------------------------------------

    /**
     * Starts {@code body} as a new process and returns its pid: {@code spawn(Fun)}. The caller
     * need not be a process, and is not adopted as one.
     */
    public static Pid spawn(Body body) {
        Current.checkNotDead();
        return Spawner.spawn(body, null, NONE).pid();
    }

    /**
     * Starts {@code body} as a new process linked to the caller: {@code spawn_link(Fun)}. The link
     * exists before the body runs.
     */
    public static Pid spawnLink(Body body) {
        return Spawner.spawn(body, Current.alive(), LINK).pid();
    }

    /**
     * Starts {@code body} as a new process monitored by the caller: {@code spawn_monitor(Fun)}. The
     * monitor exists before the body runs.
     */
    public static Spawned spawnMonitor(Body body) {
        Ref ref = Ref.make();
        return new Spawned(Spawner.spawn(body, Current.alive(), new Tie.Monitor(ref)).pid(), ref);
    }

    /**
     * The calling process's pid: {@code self()}. A thread that is not a process is adopted as one;
     * an adopted thread whose process died is adopted as a new process.
     *
     * @throws ProcessExit if the caller is a spawned process that is dead
     */
    public static Pid self() {
        return Current.self().pid();
    }

    /**
     * Ends the calling thread's <em>adopted</em> process with reason {@code normal}, as if a body
     * had returned: its sockets close, its links and monitors fire, its name goes. The thread
     * itself goes on and is no process until its next call that needs one, which adopts it anew.
     *
     * <p>An adopted process ends by itself when its thread ends (see {@link Proc}); this is for a
     * thread that outlives its work, such as a pool thread at the end of a task: without it, the
     * next task on that thread would be the same process, with the same mailbox and sockets.
     * Nothing happens if the thread is no process, or its process already died.
     *
     * @throws IllegalStateException if the caller is a spawned process: it ends when its body
     *     returns, or with {@link #exit(Object)}
     */
    public static void release() {
        Current.release();
    }

    // ---- messages ------------------------------------------------------------------------------

    /**
     * Puts {@code message} at the end of {@code to}'s mailbox: {@code To ! Message}. Never blocks;
     * a message to a dead process is dropped. Messages from one sender arrive in the order sent.
     */
    public static void send(Pid to, Object message) {
        Objects.requireNonNull(message, "message");
        ProcessCore target = ProcessCore.of(to);
        Current.checkNotDead();
        target.deliver(message);
    }

    /**
     * Sends to the process registered as {@code name}: {@code Name ! Message}.
     *
     * @throws IllegalArgumentException (Erlang's badarg) if no process has that name
     */
    public static void send(String name, Object message) {
        Objects.requireNonNull(message, "message");
        Pid to = Registry.whereis(name).orElseThrow(() -> new IllegalArgumentException(
                "Cannot send to " + name + ": no process is registered under that name."));
        send(to, message);
    }

    /** Waits as long as needed for the oldest message in the mailbox and takes it. */
    public static Object receive() {
        return Receive.take(null, INFINITY);
    }

    /**
     * Takes the oldest message, waiting at most {@code timeoutMs} milliseconds; empty on timeout.
     * {@code 0} only looks, {@link #INFINITY} waits forever: {@code receive M -> M after T -> ... end}.
     *
     * @throws IllegalArgumentException if {@code timeoutMs} is negative
     */
    public static Optional<Object> receive(long timeoutMs) {
        return Optional.ofNullable(Receive.take(null, timeoutMs));
    }

    /** Takes the oldest message that is a {@code type}, waiting as long as needed; others stay queued. */
    public static <T> T receive(Class<T> type) {
        return type.cast(Receive.take(type::isInstance, INFINITY));
    }

    /**
     * Takes the oldest message that is a {@code type}, waiting at most {@code timeoutMs}
     * milliseconds; others stay queued.
     *
     * @throws IllegalArgumentException if {@code timeoutMs} is negative
     */
    public static <T> Optional<T> receive(Class<T> type, long timeoutMs) {
        return Optional.ofNullable(type.cast(Receive.take(type::isInstance, timeoutMs)));
    }

    /**
     * Takes the oldest message that is a {@code type} and that {@code which} accepts, waiting as
     * long as needed; others stay queued. For example the reply tagged with a request's ref.
     */
    public static <T> T receive(Class<T> type, Predicate<? super T> which) {
        return type.cast(Receive.take(typed(type, which), INFINITY));
    }

    /**
     * Like {@link #receive(Class, Predicate)}, waiting at most {@code timeoutMs} milliseconds.
     *
     * @throws IllegalArgumentException if {@code timeoutMs} is negative
     */
    public static <T> Optional<T> receive(Class<T> type, Predicate<? super T> which, long timeoutMs) {
        return Optional.ofNullable(type.cast(Receive.take(typed(type, which), timeoutMs)));
    }

    /**
     * Selective receive: takes the oldest message {@code which} accepts, waiting as long as needed.
     * The messages it refuses stay in the mailbox, in their order, for a later receive.
     */
    public static Object receive(Predicate<Object> which) {
        return Receive.take(Objects.requireNonNull(which, "which"), INFINITY);
    }

    /**
     * Selective receive waiting at most {@code timeoutMs} milliseconds; empty on timeout.
     *
     * @throws IllegalArgumentException if {@code timeoutMs} is negative
     */
    public static Optional<Object> receive(Predicate<Object> which, long timeoutMs) {
        return Optional.ofNullable(Receive.take(Objects.requireNonNull(which, "which"), timeoutMs));
    }

    /** Removes and returns every message in the caller's mailbox, oldest first: the shell's {@code flush()}. */
    public static List<Object> flush() {
        return Receive.flush();
    }

    /**
     * How many messages wait in {@code pid}'s mailbox ({@code 0} if it is dead):
     * {@code process_info(Pid, message_queue_len)}. A snapshot that walks the queue; for
     * diagnostics, not for control flow.
     */
    public static int messageQueueLen(Pid pid) {
        return ProcessCore.of(pid).queueLength();
    }

    /** A new unique reference: {@code make_ref()}. */
    public static Ref makeRef() {
        return Ref.make();
    }

    // ---- links, monitors, signals ---------------------------------------------------------------

    /**
     * Links the caller and {@code pid}: {@code link(Pid)}. Linking twice, or to oneself, does
     * nothing. If {@code pid} is dead, a trapping caller receives {@code Exit(pid, noproc)} and any
     * other caller exits with {@code noproc} (a {@link ProcessExit} it may catch, as in Erlang).
     */
    public static void link(Pid pid) {
        Links.link(Current.alive(), ProcessCore.of(pid));
    }

    /**
     * Removes the link between the caller and {@code pid}, if any: {@code unlink(Pid)}. Once this
     * returns, the link has no further effect; an {@link Exit} from it may already be queued.
     */
    public static void unlink(Pid pid) {
        Links.unlink(Current.alive(), ProcessCore.of(pid));
    }

    /**
     * Starts watching {@code pid}: {@code monitor(process, Pid)}. When it exits, the caller gets
     * {@code Down(ref, pid, reason)}; if it is already dead, {@code Down(ref, pid, noproc)} comes
     * at once. Each call makes a separate monitor.
     */
    public static Ref monitor(Pid pid) {
        Ref ref = Ref.make();
        Monitors.monitor(Current.alive(), ProcessCore.of(pid), ref);
        return ref;
    }

    /**
     * Stops the monitor {@code ref}: {@code demonitor(Ref)}. No {@link Down} for it arrives after
     * this returns, but one may already be queued; see {@link #demonitor(Ref, boolean)}.
     *
     * @return whether the monitor was still active ({@code false} if it had fired or never existed)
     */
    public static boolean demonitor(Ref ref) {
        return demonitor(ref, false);
    }

    /**
     * Stops the monitor {@code ref}; with {@code flush}, also removes its {@link Down} message if
     * one is queued: {@code demonitor(Ref, [flush])}.
     *
     * @return whether the monitor was still active
     */
    public static boolean demonitor(Ref ref, boolean flush) {
        return Monitors.demonitor(Current.alive(), Objects.requireNonNull(ref, "ref"), flush);
    }

    /**
     * Sends an exit signal to {@code pid}: {@code exit(Pid, Reason)}. With {@link ExitReason#KILL}
     * the process dies with {@code killed}, trapping or not. Otherwise a trapping process receives
     * {@code Exit(self(), reason)}; a process that does not trap dies with {@code reason}, unless
     * the reason is {@code normal}, which is ignored (but a process that sends {@code normal} to
     * itself dies). A dead target is ignored.
     *
     * @throws ProcessExit if the signal killed the caller itself
     */
    public static void exit(Pid pid, Object reason) {
        Objects.requireNonNull(reason, "reason");
        ProcessCore self = Current.alive();
        Signals.exit(self, ProcessCore.of(pid), reason);
        Current.checkAlive(self);
    }

    /**
     * Ends the calling process with {@code reason}: {@code exit(Reason)}. Never returns; throws
     * {@link ProcessExit}, and the process ends with {@code reason} when the exception leaves its
     * body (an adopted thread, having no body, ends its process at once). Nothing is logged.
     */
    public static void exit(Object reason) {
        Objects.requireNonNull(reason, "reason");
        throw Signals.raise(Current.alive(), reason);
    }

    /**
     * Sets whether the caller traps exits and returns the previous setting:
     * {@code process_flag(trap_exit, Flag)}. A trapping process receives exit signals as
     * {@link Exit} messages instead of dying, except {@code exit(pid, KILL)}.
     */
    public static boolean trapExit(boolean trap) {
        return Current.alive().setTrapExit(trap);
    }

    /** Whether {@code pid} is alive: {@code is_process_alive(Pid)}. */
    public static boolean isAlive(Pid pid) {
        return ProcessCore.of(pid).isAlive();
    }

    /** The pids of all live processes, oldest first: {@code processes()}. */
    public static List<Pid> processes() {
        return ProcessTable.pids();
    }

    // ---- registered names ----------------------------------------------------------------------

    /**
     * Gives {@code pid} the name {@code name}: {@code register(Name, Pid)}. The name goes away when
     * the process dies.
     *
     * @throws IllegalArgumentException (badarg) if the name is taken, or the process is dead or
     *     already has a name
     */
    public static void register(String name, Pid pid) {
        Registry.register(name, pid);
    }

    /** The process registered as {@code name}: {@code whereis(Name)}. */
    public static Optional<Pid> whereis(String name) {
        return Registry.whereis(name);
    }

    /**
     * Removes the name {@code name}: {@code unregister(Name)}.
     *
     * @throws IllegalArgumentException (badarg) if no process has that name
     */
    public static void unregister(String name) {
        Registry.unregister(name);
    }

    /** The registered names, sorted: {@code registered()}. */
    public static List<String> registered() {
        return Registry.registered();
    }

    private static <T> Predicate<Object> typed(Class<T> type, Predicate<? super T> which) {
        Objects.requireNonNull(which, "which");
        return m -> type.isInstance(m) && which.test(type.cast(m));
    }
}
