package dev.otpnet.internal.socket;

import dev.otpnet.process.Ref;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every open socket of the {@code socket} module, and every socket monitor: Erlang's socket registry. */
final class SocketRegistry {
    private static final Set<SocketCore> OPEN = ConcurrentHashMap.newKeySet();
    private static final Map<Ref, SocketCore> MONITORS = new ConcurrentHashMap<>();

    private SocketRegistry() {
    }

    static void add(SocketCore s) {
        OPEN.add(s);
    }

    static void remove(SocketCore s) {
        OPEN.remove(s);
    }

    /** The open sockets, oldest first. */
    static List<SocketCore> open() {
        List<SocketCore> list = new ArrayList<>(OPEN);
        list.sort(Comparator.comparing(s -> s.ref));
        return list;
    }

    static int count() {
        return OPEN.size();
    }

    static void monitorAdded(Ref r, SocketCore s) {
        MONITORS.put(r, s);
    }

    static void monitorRemoved(Ref r) {
        MONITORS.remove(r);
    }

    static int monitorCount() {
        return MONITORS.size();
    }

    static SocketCore monitored(Ref r) {
        return MONITORS.get(r);
    }
}
