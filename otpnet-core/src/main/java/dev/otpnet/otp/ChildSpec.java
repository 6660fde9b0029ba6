package dev.otpnet.otp;

import java.util.Objects;

/**
 * How to start, restart and stop one child of a {@link Supervisor}: Erlang's child spec map.
 *
 * <pre>{@code
 * // %{id: :connectionHandlerFactory, start: {ConnectionHandler, :start_link, [socket]},
 * //   restart: :temporary, shutdown: :brutal_kill, type: :worker}
 * ChildSpec.worker("connectionHandlerFactory", extra -> ConnectionHandler.startLink(socket))
 *         .withRestart(Restart.TEMPORARY)
 *         .withShutdown(Shutdown.BRUTAL_KILL);
 * }</pre>
 *
 * <p>Defaults as Erlang's: {@link Restart#PERMANENT}; shutdown {@code 5000} ms for a worker,
 * {@link Shutdown#INFINITY} for a supervisor. There is no {@code modules} field (it serves code
 * upgrades, which do not exist here).
 *
 * @param id names the child within its supervisor (any object with value equality); unused
 *     under {@code simple_one_for_one}, where children are named by pid
 * @param start starts the child, linked
 * @param restart when the child is restarted
 * @param shutdown how it is stopped
 * @param type {@code worker} or {@code supervisor}
 */
public record ChildSpec(Object id, ChildStart start, Restart restart, Shutdown shutdown, ChildType type) {

    /** A worker's default shutdown: 5 seconds. */
    public static final Shutdown WORKER_SHUTDOWN = Shutdown.timeout(5_000);

    public ChildSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(type, "type");
    }

    /** A permanent worker with a 5 s shutdown. */
    public static ChildSpec worker(Object id, ChildStart start) {
        return new ChildSpec(id, start, Restart.PERMANENT, WORKER_SHUTDOWN, ChildType.WORKER);
    }

    /** A permanent supervisor child with an infinite shutdown. */
    public static ChildSpec supervisor(Object id, ChildStart start) {
        return new ChildSpec(id, start, Restart.PERMANENT, Shutdown.INFINITY, ChildType.SUPERVISOR);
    }

    public ChildSpec withId(Object id) {
        return new ChildSpec(id, start, restart, shutdown, type);
    }

    public ChildSpec withStart(ChildStart start) {
        return new ChildSpec(id, start, restart, shutdown, type);
    }

    public ChildSpec withRestart(Restart restart) {
        return new ChildSpec(id, start, restart, shutdown, type);
    }

    public ChildSpec withShutdown(Shutdown shutdown) {
        return new ChildSpec(id, start, restart, shutdown, type);
    }

    /** Changes the type; the shutdown stays as it is. */
    public ChildSpec withType(ChildType type) {
        return new ChildSpec(id, start, restart, shutdown, type);
    }

    @Override
    public String toString() {
        return "#{id => " + id + ", restart => " + restart + ", shutdown => " + shutdown + ", type => " + type + "}";
    }
}
