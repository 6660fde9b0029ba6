package dev.otpnet.internal.tcp;

import dev.otpnet.internal.conn.Conn;
import dev.otpnet.internal.conn.Settings;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.internal.wire.Wire;
import dev.otpnet.tcp.TcpSocket;
import java.nio.channels.NetworkChannel;

/**
 * Lets other otpnet packages (ssl's upgrade and downgrade) reach inside a {@link TcpSocket}
 * without making that part of its public API: {@code TcpSocket} installs a {@link Bridge} when its
 * class initialises (the JDK's "shared secrets" pattern).
 */
public final class TcpSockets {
    /** What {@link TcpSocket} exposes to the rest of otpnet. */
    public interface Bridge {
        Conn conn(TcpSocket socket);

        TcpSocket open(Wire wire, NetworkChannel kernel, Settings settings, ProcessCore owner);
    }

    private static volatile Bridge bridge;

    private TcpSockets() {
    }

    public static void install(Bridge b) {
        bridge = b;
    }

    private static Bridge bridge() {
        Bridge b = bridge;
        if (b == null) {
            try {
                Class.forName(TcpSocket.class.getName(), true, TcpSocket.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            b = bridge;
        }
        return b;
    }

    /** The socket layer of a gen_tcp socket. */
    public static Conn conn(TcpSocket socket) {
        return bridge().conn(socket);
    }

    /** A gen_tcp socket over an existing wire (a downgrade from TLS), owned by {@code owner}. */
    public static TcpSocket open(Wire wire, NetworkChannel kernel, Settings settings, ProcessCore owner) {
        return bridge().open(wire, kernel, settings, owner);
    }
}
