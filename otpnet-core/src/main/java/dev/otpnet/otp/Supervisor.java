package dev.otpnet.otp;

import dev.otpnet.otp.SupervisorCall.CountChildren;
import dev.otpnet.otp.SupervisorCall.DeleteChild;
import dev.otpnet.otp.SupervisorCall.Failed;
import dev.otpnet.otp.SupervisorCall.RestartChild;
import dev.otpnet.otp.SupervisorCall.StartChild;
import dev.otpnet.otp.SupervisorCall.StartDynamic;
import dev.otpnet.otp.SupervisorCall.TerminateChild;
import dev.otpnet.otp.SupervisorCall.WhichChildren;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.ProcessExit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A supervisor: Erlang's {@code supervisor}. A process that starts other processes, its children,
 * watches them, and restarts them when they die, as its {@link SupFlags flags} and each child's
 * {@link ChildSpec} say.
 *
 * <pre>{@code
 * Pid sup = Supervisor.startLink(Name.local("app_sup"), SupFlags.of(Strategy.ONE_FOR_ONE), List.of(
 *         ChildSpec.worker("db", extra -> Db.startLink()),
 *         ChildSpec.worker("cache", extra -> Cache.startLink()),
 *         ChildSpec.supervisor("conns", extra -> Supervisor.startLink(Name.local("conns"),
 *                 SupFlags.of(Strategy.SIMPLE_ONE_FOR_ONE),
 *                 List.of(ChildSpec.worker("conn", args -> Conn.startLink((Socket) args.getFirst()))
 *                         .withRestart(Restart.TEMPORARY))))));
 * Supervisor.startChild("conns", List.of(socket));   // under the simple_one_for_one supervisor
 * }</pre>
 *
 * <h2>The rules</h2>
 *
 * <ul>
 *   <li>Children start in list order, each {@link ChildStart} returning before the next runs, and
 *       stop in reverse order. If one fails to start, those started are stopped and the supervisor
 *       does not start ({@link FailedToStartChild}).
 *   <li>A child's exit is a restart or not by its {@link Restart} type; what is restarted is the
 *       {@link Strategy}'s choice. A child is stopped as its {@link Shutdown} says.
 *   <li>More than {@code intensity} restarts in {@code period}: the supervisor stops all its
 *       children, in reverse start order, and exits with {@code shutdown}.
 *   <li>The supervisor traps exits. When its parent (the process that started it linked: another
 *       supervisor, or the caller) exits, it stops its children, then exits with the same reason.
 *       {@link #stop(Pid)} does the same on request.
 * </ul>
 *
 * <p>A supervisor is a {@link GenServer}; its functions are calls that wait as long as the
 * supervisor needs (Erlang's {@code infinity}) and answer Erlang's {@code {error, Reason}} by
 * throwing {@link OtpException}. Every function takes the supervisor's pid or registered name.
 */
public final class Supervisor {

    private Supervisor() {}

    // ---- starting --------------------------------------------------------------------------------

    /**
     * {@code supervisor:start_link(Module, Args)} with {@code init} returning
     * {@code {ok, {Flags, Children}}}: starts a supervisor linked to the caller and its children.
     *
     * @throws OtpException {@code {shutdown, {failed_to_start_child, Id, Reason}}} if a child failed to start
     * @throws IllegalArgumentException if two specs share an id, or a {@code simple_one_for_one}
     *     supervisor is not given exactly one spec
     */
    public static Pid startLink(SupFlags flags, List<ChildSpec> children) throws OtpException {
        return GenServer.startLink(server(flags, children));
    }

    /**
     * {@code supervisor:start_link({local, Name}, Module, Args)}: as {@link #startLink(SupFlags, List)},
     * registered as {@code name} so that others reach it by name.
     *
     * @throws OtpException with {@link AlreadyStarted} if the name is taken
     */
    public static Pid startLink(Name name, SupFlags flags, List<ChildSpec> children) throws OtpException {
        return GenServer.startLink(name, server(flags, children));
    }

    /** As {@link #startLink(SupFlags, List)}, not linked to the caller (a top supervisor). */
    public static Pid start(SupFlags flags, List<ChildSpec> children) throws OtpException {
        return GenServer.start(server(flags, children));
    }

    /** As {@link #startLink(Name, SupFlags, List)}, not linked to the caller. */
    public static Pid start(Name name, SupFlags flags, List<ChildSpec> children) throws OtpException {
        return GenServer.start(name, server(flags, children));
    }

    /** Stops the supervisor and, first, its children in reverse start order; returns when all are dead. */
    public static void stop(Pid supervisor) {
        GenServer.stop(supervisor, ExitReason.NORMAL, Proc.INFINITY);
    }

    /** {@link #stop(Pid)} by name. */
    public static void stop(String supervisor) {
        GenServer.stop(supervisor, ExitReason.NORMAL, Proc.INFINITY);
    }

    private static SupervisorServer server(SupFlags flags, List<ChildSpec> children) {
        Objects.requireNonNull(flags, "flags");
        List<ChildSpec> specs = List.copyOf(children);
        if (flags.strategy() == Strategy.SIMPLE_ONE_FOR_ONE && specs.size() != 1) {
            throw new IllegalArgumentException("A simple_one_for_one supervisor takes exactly one child spec, its template; "
                    + specs.size() + " were given.");
        }
        Set<Object> ids = new HashSet<>();
        for (ChildSpec spec : specs) {
            if (!ids.add(spec.id())) {
                throw new IllegalArgumentException("Two child specs have the id " + spec.id() + "; ids must be unique within a supervisor.");
            }
        }
        return new SupervisorServer(flags, specs);
    }

    // ---- children ----------------------------------------------------------------------------------

    /**
     * {@code supervisor:start_child(Sup, ChildSpec)}: adds a child and starts it.
     *
     * @throws OtpException {@link AlreadyStarted} if a child with that id runs,
     *     {@code already_present} if its spec is kept but not running, {@link Atom#IGNORE} if its
     *     start was ignored, {@code simple_one_for_one} for such a supervisor, or the start's failure
     */
    public static Pid startChild(Pid supervisor, ChildSpec spec) throws OtpException {
        return (Pid) ask(supervisor, new StartChild(Objects.requireNonNull(spec, "spec")));
    }

    /** {@link #startChild(Pid, ChildSpec)} by name. */
    public static Pid startChild(String supervisor, ChildSpec spec) throws OtpException {
        return (Pid) ask(supervisor, new StartChild(Objects.requireNonNull(spec, "spec")));
    }

    /**
     * {@code supervisor:start_child(Sup, ExtraArgs)} for a {@code simple_one_for_one} supervisor:
     * starts one more child from the template, passing {@code extra} to its {@link ChildStart}.
     *
     * @throws OtpException {@link Atom#IGNORE} if the start was ignored, or the start's failure
     * @throws IllegalArgumentException if the supervisor is not {@code simple_one_for_one}
     */
    public static Pid startChild(Pid supervisor, List<?> extra) throws OtpException {
        return (Pid) ask(supervisor, new StartDynamic(List.copyOf(extra)));
    }

    /** {@link #startChild(Pid, List)} by name: the walk-through's {@code Supervisor.start_child(__MODULE__, [])}. */
    public static Pid startChild(String supervisor, List<?> extra) throws OtpException {
        return (Pid) ask(supervisor, new StartDynamic(List.copyOf(extra)));
    }

    /**
     * {@code supervisor:terminate_child(Sup, Id)}: stops the child as its {@link Shutdown} says.
     * Its spec is kept (so {@link #restartChild} can start it again) unless it is temporary or the
     * supervisor is {@code simple_one_for_one}, where {@code idOrPid} is the child's pid.
     *
     * @throws OtpException {@code not_found}, or {@code simple_one_for_one} when such a supervisor is given an id
     */
    public static void terminateChild(Pid supervisor, Object idOrPid) throws OtpException {
        ask(supervisor, new TerminateChild(Objects.requireNonNull(idOrPid, "idOrPid")));
    }

    /** {@link #terminateChild(Pid, Object)} by name. */
    public static void terminateChild(String supervisor, Object idOrPid) throws OtpException {
        ask(supervisor, new TerminateChild(Objects.requireNonNull(idOrPid, "idOrPid")));
    }

    /**
     * {@code supervisor:restart_child(Sup, Id)}: starts again a child whose spec is kept but that
     * does not run.
     *
     * @throws OtpException {@code running}, {@code restarting}, {@code not_found},
     *     {@code simple_one_for_one}, {@link Atom#IGNORE}, or the start's failure
     */
    public static Pid restartChild(Pid supervisor, Object id) throws OtpException {
        return (Pid) ask(supervisor, new RestartChild(Objects.requireNonNull(id, "id")));
    }

    /** {@link #restartChild(Pid, Object)} by name. */
    public static Pid restartChild(String supervisor, Object id) throws OtpException {
        return (Pid) ask(supervisor, new RestartChild(Objects.requireNonNull(id, "id")));
    }

    /**
     * {@code supervisor:delete_child(Sup, Id)}: forgets the spec of a child that does not run.
     *
     * @throws OtpException {@code running}, {@code restarting}, {@code not_found} or {@code simple_one_for_one}
     */
    public static void deleteChild(Pid supervisor, Object id) throws OtpException {
        ask(supervisor, new DeleteChild(Objects.requireNonNull(id, "id")));
    }

    /** {@link #deleteChild(Pid, Object)} by name. */
    public static void deleteChild(String supervisor, Object id) throws OtpException {
        ask(supervisor, new DeleteChild(Objects.requireNonNull(id, "id")));
    }

    /** {@code supervisor:which_children(Sup)}: every child, in start order. */
    @SuppressWarnings("unchecked")
    public static List<ChildInfo> whichChildren(Pid supervisor) {
        return (List<ChildInfo>) GenServer.call(supervisor, new WhichChildren(), Proc.INFINITY);
    }

    /** {@link #whichChildren(Pid)} by name. */
    @SuppressWarnings("unchecked")
    public static List<ChildInfo> whichChildren(String supervisor) {
        return (List<ChildInfo>) GenServer.call(supervisor, new WhichChildren(), Proc.INFINITY);
    }

    /** {@code supervisor:count_children(Sup)}. */
    public static ChildCount countChildren(Pid supervisor) {
        return GenServer.call(supervisor, new CountChildren(), Proc.INFINITY);
    }

    /** {@link #countChildren(Pid)} by name. */
    public static ChildCount countChildren(String supervisor) {
        return GenServer.call(supervisor, new CountChildren(), Proc.INFINITY);
    }

    /**
     * One call to the supervisor, waiting as long as it takes.
     *
     * @throws ProcessExit with a {@link CallFailure} if the supervisor is not running or dies meanwhile
     */
    private static Object ask(Object supervisor, SupervisorCall request) throws OtpException {
        Object reply = supervisor instanceof Pid pid
                ? GenServer.call(pid, request, Proc.INFINITY)
                : GenServer.call((String) supervisor, request, Proc.INFINITY);
        if (reply instanceof Failed(IllegalArgumentException mistake)) {
            throw new IllegalArgumentException(mistake.getMessage());
        }
        if (reply instanceof Failed(Object reason)) {
            throw new OtpException(reason);
        }
        return reply;
    }
}
