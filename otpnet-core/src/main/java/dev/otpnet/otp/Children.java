package dev.otpnet.otp;

import dev.otpnet.process.Pid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A supervisor's children, in start order, with an index by pid. Under
 * {@code simple_one_for_one} the order does not matter and there may be many thousands, so adding
 * and removing are constant time. Only the supervisor's process touches it.
 */
final class Children {

    private final LinkedHashSet<Child> ordered = new LinkedHashSet<>();
    private final Map<Pid, Child> byPid = new HashMap<>();

    /** Appends {@code child}, last in start order. */
    void add(Child child) {
        ordered.add(child);
        if (child.pid != null) {
            byPid.put(child.pid, child);
        }
    }

    void remove(Child child) {
        ordered.remove(child);
        if (child.pid != null) {
            byPid.remove(child.pid);
        }
    }

    /** Records that {@code child} now runs as {@code pid}. */
    void started(Child child, Pid pid) {
        child.pid = pid;
        child.restarting = false;
        byPid.put(pid, child);
    }

    /** Records that {@code child} no longer runs. */
    void stopped(Child child) {
        if (child.pid != null) {
            byPid.remove(child.pid);
            child.pid = null;
        }
    }

    boolean contains(Child child) {
        return ordered.contains(child);
    }

    Optional<Child> byPid(Pid pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    Optional<Child> byId(Object id) {
        return ordered.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** All children, in start order. */
    List<Child> inOrder() {
        return new ArrayList<>(ordered);
    }

    /** {@code child} and those started after it, in start order. */
    List<Child> fromOn(Child child) {
        List<Child> all = inOrder();
        int at = all.indexOf(child);
        return at < 0 ? List.of() : all.subList(at, all.size());
    }

    int size() {
        return ordered.size();
    }

    int running() {
        return byPid.size();
    }
}
