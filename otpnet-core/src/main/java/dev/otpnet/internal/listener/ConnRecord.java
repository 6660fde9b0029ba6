package dev.otpnet.internal.listener;

import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.Stats;
import dev.otpnet.listener.ListenerInfo.Stage;
import dev.otpnet.listener.ProxyHeader;
import dev.otpnet.process.Pid;

/**
 * What the listener knows of one live connection process. The connection supervisor creates it
 * and removes it when the process is dead; the process itself fills in its stage, socket and
 * PROXY header as its handshake goes. Fields are volatile: {@code info} reads them from any thread.
 */
public final class ConnRecord {
    final Pid pid;
    final Permits.Permit permit;
    /** The index of the connection supervisor that started it and owns its permit. */
    final int supId;
    final long startNanos = System.nanoTime();
    volatile Stage stage = Stage.STARTING;
    volatile InetSocket socket;
    volatile String peer = "undefined";
    volatile ProxyHeader proxy;
    volatile boolean removed;
    /** The socket's counters, taken by the process just before it ended (its socket then closes). */
    volatile Stats last;

    ConnRecord(Pid pid, Permits.Permit permit, InetSocket socket, int supId) {
        this.pid = pid;
        this.permit = permit;
        this.supId = supId;
        this.socket = socket;
    }
}
