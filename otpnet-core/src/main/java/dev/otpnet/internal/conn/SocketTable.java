package dev.otpnet.internal.conn;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every open otpnet socket, for {@code inet:i()}. Sockets add themselves when opened and leave when closed. */
public final class SocketTable {
    private static final Set<Object> OPEN = ConcurrentHashMap.newKeySet();

    private SocketTable() {
    }

    public static void add(Object socket) {
        OPEN.add(socket);
    }

    public static void remove(Object socket) {
        OPEN.remove(socket);
    }

    public static List<Object> snapshot() {
        return new ArrayList<>(OPEN);
    }
}
