package dev.otpnet.internal.listener;

import dev.otpnet.inet.InetException;
import dev.otpnet.listener.ListenerInfo.Status;
import dev.otpnet.listener.ListenerSettings;
import dev.otpnet.listener.OptionsHandler;
import dev.otpnet.listener.ProtocolHandler;
import dev.otpnet.listener.Transport;
import dev.otpnet.internal.time.Deadline;
import dev.otpnet.otp.ChildType;
import dev.otpnet.process.Pid;
import dev.otpnet.tcp.TcpListenSocket;
import java.lang.System.Logger;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One listener's shared state: Ranch's {@code ranch_server} row for it. Written by the processes of
 * its tree (the acceptors supervisor sets the listen sockets, the connection supervisor the
 * connections), read by {@code Listener.info} and friends from any thread.
 */
public final class ListenerState {
    static final Logger LOG = System.getLogger("dev.otpnet.listener");

    final String name;
    final Transport transport;
    final OptionsHandler<Object> handler;
    /** Ranch's protocol options: read by each connection process when it starts. */
    volatile Object protocolOptions;
    final Permits permits;
    /** Ranch's {@code connection_type}, fixed at start as Ranch fixes it until the listener restarts. */
    final ChildType connectionType;
    final AcceptBackoff backoff;
    volatile ListenerSettings settings;
    volatile Status status = Status.RUNNING;
    /** The port, fixed by the first listen so that a resume listens on the same one. */
    volatile int port;
    volatile InetAddress ip;
    volatile List<TcpListenSocket> listenSockets = List.of();
    volatile InetException listenError;
    volatile Pid listenerSup;
    /** The first connection supervisor (the only one unless {@code num_conns_sups} is above 1). */
    volatile Pid connsSup;
    /** Every connection supervisor by its index, as each starts (Ranch's {@code num_conns_sups}, fixed at start). */
    final AtomicReferenceArray<Pid> connsSups;
    private final AtomicInteger nextConnsSup = new AtomicInteger();
    volatile Pid acceptorsSup;
    final Map<Pid, ConnRecord> conns = new ConcurrentHashMap<>();
    private final Object changed = new Object();
    /** When each alarm last fired, by name (kept across a change of the alarms, as Ranch merges them). */
    final Map<String, Long> alarmFired = new ConcurrentHashMap<>();

    /** A listener whose handler takes no options; its protocol options are Ranch's usual {@code []}. */
    public ListenerState(String name, Transport transport, ListenerSettings settings, ProtocolHandler handler) {
        this(name, transport, settings, (conn, opts) -> handler.serve(conn), List.of());
    }

    public ListenerState(String name, Transport transport, ListenerSettings settings, OptionsHandler<Object> handler,
                         Object protocolOptions) {
        this.name = name;
        this.transport = transport;
        this.settings = settings;
        this.handler = handler;
        this.protocolOptions = protocolOptions;
        this.permits = new Permits(settings.maxConnections());
        this.backoff = new AcceptBackoff(name, LOG);
        this.port = settings.port();
        this.connectionType = settings.connectionType();
        this.connsSups = new AtomicReferenceArray<>(settings.numConnsSups());
    }

    /** The connection supervisor the next accepted connection goes to: each in turn. */
    Pid connsSupForNext() {
        int n = connsSups.length();
        return n == 1 ? connsSups.get(0) : connsSups.get(Math.floorMod(nextConnsSup.getAndIncrement(), n));
    }

    /** The connection supervisor of connection process {@code pid}; the first one if it is not known. */
    Pid connsSupOf(Pid pid) {
        ConnRecord r = conns.get(pid);
        return r == null ? connsSup : connsSups.get(r.supId);
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

    /**
     * How long a connection gets after the {@code shutdown} exit signal before {@code kill}: the
     * listener's {@code shutdown}, or {@code infinity} for {@code SUPERVISOR} connections (OTP's
     * default for a supervisor child). 0 is {@code brutal_kill}.
     */
    long connectionShutdownMillis() {
        return connectionType == ChildType.SUPERVISOR ? Deadline.INFINITY : settings.shutdownMillis();
    }

    public Object protocolOptions() {
        return protocolOptions;
    }

    /** Ranch's {@code set_protocol_options/2}: for connection processes started from now on. */
    public void protocolOptions(Object opts) {
        protocolOptions = opts;
    }

    /**
     * Ranch's {@code set_transport_options/2}: replaces the settings. {@code max_connections} applies
     * at once (waiting acceptors see it); {@code handshake_timeout}, the PROXY header settings and
     * {@code alarms} at the next connection; {@code shutdown} at the next stop; the rest (acceptors,
     * listen sockets, socket options, port, post-listen callback) when the acceptors start again,
     * at {@code resume}.
     */
    public void replaceSettings(ListenerSettings s) {
        settings = s;
        permits.setMax(s.maxConnections());
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
