package dev.otpnet.internal.socket;

import dev.otpnet.socket.Socket;

/**
 * The door through which this package makes {@link Socket} handles and finds the core behind one,
 * without {@code Socket} having a public constructor or accessor. {@code Socket} installs its
 * bridge from its static initializer.
 */
public final class SocketAccess {

    /** What {@code Socket} lets this package do. */
    public interface Bridge {
        Socket newSocket(SocketCore core);

        SocketCore core(Socket socket);
    }

    private static volatile Bridge bridge;

    private SocketAccess() {
    }

    /** Called once, by {@code Socket}'s static initializer. */
    public static void install(Bridge b) {
        if (bridge != null) {
            throw new IllegalStateException("The Socket bridge is already installed.");
        }
        bridge = b;
    }

    static Socket newSocket(SocketCore core) {
        return bridge().newSocket(core);
    }

    /** The core behind {@code socket}. */
    public static SocketCore core(Socket socket) {
        if (socket == null) {
            throw new IllegalArgumentException("The socket is null; pass the socket that open or accept returned.");
        }
        return bridge().core(socket);
    }

    private static Bridge bridge() {
        Bridge b = bridge;
        if (b == null) {
            try {
                Class.forName(Socket.class.getName(), true, Socket.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            b = bridge;
        }
        return b;
    }
}
