package dev.otpnet.internal.listener;

import dev.otpnet.inet.InetException;
import dev.otpnet.listener.ListenerInfo.Status;
import dev.otpnet.listener.ListenerSettings;
import dev.otpnet.listener.ProtocolHandler;
import dev.otpnet.listener.Transport;
import dev.otpnet.process.Pid;
import dev.otpnet.tcp.TcpListenSocket;
import java.lang.System.Logger;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One listener's shared state: Ranch's {@code ranch_server} row for it. Written by the processes of
 * its tree (the acceptors supervisor sets the listen sockets, the connection supervisor the
 * connections), read by {@code Listener.info} and friends from any thread.
 */
public final class ListenerState {
    static final Logger LOG = System.getLogger("dev.otpnet.listener");

    final String name;
    final Transport transport;
    final ProtocolHandler handler;
    final Permits permits;
    final AcceptBackoff backoff;
    volatile ListenerSettings settings;
    volatile Status status = Status.RUNNING;
    /** The port, fixed by the first listen so that a resume listens on the same one. */
    volatile int port;
    volatile InetAddress ip;
    volatile List<TcpListenSocket> listenSockets = List.of();
    volatile InetException listenError;
    volatile Pid listenerSup;
    volatile Pid connsSup;
    volatile Pid acceptorsSup;
    final Map<Pid, ConnRecord> conns = new ConcurrentHashMap<>();
    private final Object changed = new Object();
    final long[] alarmFired;

    public ListenerState(String name, Transport transport, ListenerSettings settings, ProtocolHandler handler) {
        this.name = name;
        this.transport = transport;
        this.settings = settings;
        this.handler = handler;
        this.permits = new Permits(settings.maxConnections());
        this.backoff = new AcceptBackoff(name, LOG);
        this.port = settings.port();
        this.alarmFired = new long[settings.alarms().size()];
    }

    public String name() {
        return name;
    }

    public Transport transport() {
        return transport;
    }

    public ListenerSettings settings() {
        return settings;
    }

    public Permits permits() {
        return permits;
    }

    public AcceptBackoff backoff() {
        return backoff;
    }

    public Status status() {
        return status;
    }

    public void status(Status s) {
        status = s;
    }

    public int port() {
        return port;
    }

    public InetAddress ip() {
        return ip;
    }

    public Pid listenerSup() {
        return listenerSup;
    }

    public Pid connsSup() {
        return connsSup;
    }

    public Pid acceptorsSup() {
        return acceptorsSup;
    }

    public InetException listenError() {
        return listenError;
    }

    public Map<Pid, ConnRecord> conns() {
        return conns;
    }

    /** Connections counted against the limit: live ones not removed with {@code removeConnection}. */
    public int activeConnections() {
        int n = 0;
        for (ConnRecord r : conns.values()) {
            if (!r.removed) {
                n++;
            }
        }
        return n;
    }

    public void setMaxConnections(int max) {
        settings = settings.withMaxConnections(max);
        permits.setMax(max);
    }

    /** Wakes {@link #awaitChange} callers: a connection came or went. */
    void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /** Waits until a connection comes or goes, or {@code nanos} pass. */
    public void awaitChange(long nanos) throws InterruptedException {
        if (nanos <= 0) {
            return;
        }
        synchronized (changed) {
            changed.wait(Math.max(1, nanos / 1_000_000), 0);
        }
    }
}
