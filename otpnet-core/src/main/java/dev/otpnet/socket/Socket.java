package dev.otpnet.socket;

import dev.otpnet.internal.socket.SocketAccess;
import dev.otpnet.internal.socket.SocketCore;

/**
 * A socket of Erlang's {@code socket} module: an opaque handle, printed as Erlang prints one,
 * {@code {'$socket',#Ref<0.0.0.7>}}. Every call on it is a static method of {@link Sockets}.
 *
 * <p>A socket belongs to the process that opened (or accepted) it and is closed when that process
 * exits. Any process may call it; equality is identity.
 */
public final class Socket {
    static {
        SocketAccess.install(new SocketAccess.Bridge() {
            @Override
            public Socket newSocket(SocketCore core) {
                return new Socket(core);
            }

            @Override
            public SocketCore core(Socket socket) {
                return socket.core;
            }
        });
    }

    private final SocketCore core;

    private Socket(SocketCore core) {
        this.core = core;
    }

    @Override
    public String toString() {
        return "{'$socket'," + core.ref() + "}";
    }
}
