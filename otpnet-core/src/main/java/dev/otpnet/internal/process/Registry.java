package dev.otpnet.internal.process;

import dev.otpnet.process.Pid;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registered names: Erlang's {@code register/2}, {@code whereis/1}, {@code unregister/1},
 * {@code registered/0}. A process has at most one name; a name names at most one process; a
 * dying process loses its name at once. Thread-safe.
 */
public final class Registry {

    private static final ConcurrentHashMap<String, Pid> NAMES = new ConcurrentHashMap<>();

    private Registry() {}

    /**
     * Registers {@code name} for {@code pid}.
     *
     * @throws IllegalArgumentException (Erlang's badarg) if the name is taken, the process is dead
     *     or already has a name
     */
    public static void register(String name, Pid pid) {
        Objects.requireNonNull(name, "name");
        ProcessCore core = ProcessCore.of(pid);
        synchronized (core.lock) {
            if (!core.isAlive()) {
                throw new IllegalArgumentException(
                        "Cannot register the name " + name + " for " + pid + ": the process is not alive.");
            }
            if (core.name != null) {
                throw new IllegalArgumentException(
                        "Cannot register the name " + name + " for " + pid + ": it is already registered as " + core.name + ".");
            }
            Pid holder = NAMES.putIfAbsent(name, pid);
            if (holder != null) {
                throw new IllegalArgumentException(
                        "Cannot register the name " + name + ": it is already taken by " + holder + ".");
            }
            core.name = name;
        }
    }

    /**
     * Removes the name {@code name}.
     *
     * @throws IllegalArgumentException (badarg) if no process has that name
     */
    public static void unregister(String name) {
        Objects.requireNonNull(name, "name");
        while (true) {
            Pid pid = NAMES.get(name);
            if (pid == null) {
                throw new IllegalArgumentException("Cannot unregister " + name + ": no process has that name.");
            }
            ProcessCore core = ProcessCore.of(pid);
            synchronized (core.lock) {
                if (NAMES.remove(name, pid)) {
                    core.name = null;
                    return;
                }
            }
        }
    }

    public static Optional<Pid> whereis(String name) {
        return Optional.ofNullable(NAMES.get(Objects.requireNonNull(name, "name")));
    }

    /** The registered names, sorted. */
    public static List<String> registered() {
        List<String> names = new ArrayList<>(NAMES.keySet());
        names.sort(null);
        return names;
    }

    /** Called with the core's lock held, as it dies. */
    static void forget(String name, Pid pid) {
        NAMES.remove(name, pid);
    }
}
