package dev.otpnet.cli;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.backlog;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.reuseaddr;

import dev.otpnet.inet.AnyOption;
import dev.otpnet.ssl.ConnectionInfo;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.SslSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.InetError;
import dev.otpnet.process.Exit;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.Ref;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpListenSocket;
import dev.otpnet.tcp.TcpSocket;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The serving half of {@code otpnet echo}: the one class that knows how connections are accepted
 * and supervised. Everything else in the command (arguments, certificates, signals, logs) talks
 * to it through {@link #start}, {@link #address}, {@link #live}, {@link #drain} and
 * {@link #stopped}.
 *
 * <h2>Shape: Ranch's, on today's public API</h2>
 *
 * <pre>
 *   supervisor process (traps exits, owns the listen socket)
 *     ├─ acceptor 1..N   (permanent: restarted if one crashes)
 *     └─ connection 1..M (temporary: one process per client, owns its socket)
 * </pre>
 *
 * <ul>
 *   <li><b>An exact connection limit.</b> An acceptor takes a permit <em>before</em> it accepts, so
 *       never more than {@code max_connections} connection processes live; the supervisor gives
 *       the permit back when that connection's process exits, whatever the reason (a failed
 *       handshake, a bad PROXY header, a crash). An acceptor that cannot hand a socket over closes
 *       it and gives its permit back itself.</li>
 *   <li><b>Accept errors are survived.</b> {@code emfile}/{@code enfile} back off 100 ms (as Ranch)
 *       and log once per episode; other errors are logged at debug and the acceptor goes on;
 *       {@code closed} (the listen socket closed by a drain) ends the acceptor.</li>
 *   <li><b>The handshake runs in the connection process</b>, with a time-out, as does reading a
 *       PROXY header; an acceptor only accepts. See {@link Connection}.</li>
 *   <li><b>Drain</b> closes the listen socket, waits for live connections to end up to a
 *       deadline, then stops the rest with reason {@code shutdown} (each socket closes with its
 *       owner).</li>
 * </ul>
 *
 * <h2>When {@code dev.otpnet.listener.Listener} lands (issue 9)</h2>
 *
 * Only this file changes (and {@link ProxyHeader}, used only here, is deleted). Its public face
 * stays: {@code start(EchoConfig)}, {@code address()}, {@code live()}, {@code drain(Duration)},
 * {@code stopped()}. Inside:
 * <ul>
 *   <li>{@code start} calls {@code Listener.start("otpnet_echo", config.isTls() ? ssl : tcp,
 *       settings, handler)} with {@code num_acceptors = acceptors}, {@code max_connections},
 *       {@code handshake_timeout}, the PROXY option when {@code proxyProtocol}, the socket
 *       options {@code binary, {packet, P}, {active, false}, reuseaddr, {backlog, 1024},
 *       {ip, bind}} and, for ssl, {@code config.tls()}. {@code checkTls} goes: the listener's
 *       {@code ssl:listen} checks the options itself. A listen failure still surfaces as the
 *       {@link InetException} {@code start} throws.</li>
 *   <li>The handler is the last lines of {@code connection()}: from the listener's connection
 *       info (peer, PROXY source, TLS version and cipher) it builds a {@link Connection.Peer}
 *       and calls {@link Connection#echo}. The PROXY read, the TCP-to-TLS upgrade and the
 *       failure log move into the listener.</li>
 *   <li>{@code drain} becomes {@code Listener.drain(name, deadline)} (it stops accepting, waits,
 *       then ends the rest), {@code live} reads {@code Listener.info(name)}, and {@code stopped}
 *       completes from a monitor on the listener's supervisor.</li>
 *   <li>Deleted: the supervisor and acceptor loops, {@code handOver}, the permit semaphore and
 *       the private message records.</li>
 * </ul>
 * {@link EchoCommand}, {@link Connection}, {@link Shutdown}, the certificates and the tests do
 * not change: the tests drive the real command and check its behaviour, not this class.
 */
final class EchoService {
    private static final System.Logger LOG = System.getLogger("otpnet.echo");
    private static final long BACKOFF_MS = 100;
    private static final int MAX_RESTARTS = 10;
    private static final long RESTART_PERIOD_MS = 5_000;

    private record StartChild(Pid from, Ref ref) {
    }

    private record ChildStarted(Ref ref, Pid child) {
    }

    private record Go(TcpSocket socket) {
    }

    private record Drain(Pid from, Ref ref, long deadlineNanos) {
    }

    private record Drained(Ref ref, int cut) {
    }

    /** A supervisor's restart intensity: at most {@link #MAX_RESTARTS} in {@link #RESTART_PERIOD_MS}. */
    private static final class RestartIntensity {
        private final long[] times = new long[MAX_RESTARTS];
        private int count;

        boolean allowsRestart(long nowNanos) {
            long oldest = times[count % MAX_RESTARTS];
            times[count % MAX_RESTARTS] = nowNanos;
            count++;
            return count <= MAX_RESTARTS || nowNanos - oldest >= RESTART_PERIOD_MS * 1_000_000;
        }
    }

    private final EchoConfig config;
    private final TcpListenSocket listen;
    private final InetSocketAddress address;
    private final Semaphore permits;
    private final AtomicInteger live = new AtomicInteger();
    private final CompletableFuture<Object> stopped = new CompletableFuture<>();
    private volatile Pid supervisor;

    private EchoService(EchoConfig config, TcpListenSocket listen) throws InetException {
        this.config = config;
        this.listen = listen;
        this.address = listen.sockname();
        // "infinity" is a count the semaphore cannot overflow when a drain wakes the acceptors
        this.permits = new Semaphore(Math.min(config.maxConnections(), Integer.MAX_VALUE / 2));
    }

    /**
     * Listens and starts the supervisor and its acceptors; returns once they accept.
     *
     * @throws InetException the listen failed ({@code eaddrinuse}, {@code eaddrnotavail},
     *     {@code eacces})
     */
    static EchoService start(EchoConfig config) throws InetException {
        if (config.isTls()) {
            checkTls(config.tls());
        }
        // Accepted sockets start raw and passive: the connection process reads a PROXY header
        // and runs the TLS handshake before it sets {packet, P} and {active, once}.
        TcpListenSocket l = GenTcp.listen(config.port(), List.of(binary(), packet(0), active(false),
                reuseaddr(true), backlog(1024), ip(config.bind())));
        EchoService s = new EchoService(config, l);
        Pid caller = Proc.self();
        Ref ready = Proc.makeRef();
        Pid sup = Proc.spawn(() -> s.supervise(caller, ready));
        s.supervisor = sup;
        try {
            l.controllingProcess(sup); // the supervisor owns the listen socket, as Ranch's does
        } catch (InetException e) {
            Proc.exit(sup, ExitReason.KILL);
            l.close();
            throw e;
        }
        sup.send(ready);
        Proc.receive(Ref.class, r -> r.equals(ready));
        return s;
    }

    /**
     * ssl:listen checks every ssl option, and the key against the certificate, at once; our
     * connections are upgraded from TCP one by one later, so check them here, before listening.
     */
    private static void checkTls(List<SslOption> tls) {
        List<AnyOption> probe = new ArrayList<>(tls);
        probe.add(ip(InetAddress.getLoopbackAddress()));
        try (var ignored = Ssl.listen(0, probe)) {
            LOG.log(Level.DEBUG, "the TLS options are accepted");
        } catch (InetException e) {
            throw new Failure("the TLS settings were refused: " + TlsFiles.detail(e) + " (" + e.reason() + ")");
        }
    }

    /** Where it listens (the real port when asked for 0). */
    InetSocketAddress address() {
        return address;
    }

    /** Connection processes alive now. */
    int live() {
        return live.get();
    }

    /** Completes with the supervisor's exit reason when the service stops (drained, or failed). */
    CompletableFuture<Object> stopped() {
        return stopped;
    }

    /**
     * Stops accepting at once, waits up to {@code timeout} for live connections to end, then
     * stops those left with reason {@code shutdown}. Returns how many were cut.
     */
    int drain(Duration timeout) {
        Ref ref = Proc.makeRef();
        supervisor.send(new Drain(Proc.self(), ref, System.nanoTime() + timeout.toNanos()));
        return Proc.receive(Drained.class, d -> d.ref().equals(ref)).cut();
    }

    // ------------------------------------------------------------------ the supervisor

    private void supervise(Pid caller, Ref ready) {
        Proc.trapExit(true);
        Proc.receive(Ref.class, r -> r.equals(ready)); // the listen socket is ours now
        Set<Pid> acceptors = new HashSet<>();
        Set<Pid> children = new HashSet<>();
        for (int i = 0; i < config.acceptors(); i++) {
            acceptors.add(Proc.spawnLink(this::acceptor));
        }
        caller.send(ready);
        Drain draining = null;
        Object exitReason = "crashed";
        RestartIntensity intensity = new RestartIntensity();
        try {
            while (draining == null || !children.isEmpty()) {
                Optional<Object> next = draining == null ? Optional.of(Proc.receive())
                        : Proc.receive(Math.max(0, (draining.deadlineNanos() - System.nanoTime()) / 1_000_000));
                if (next.isEmpty()) { // the drain deadline passed
                    for (Pid c : children) {
                        Proc.exit(c, ExitReason.SHUTDOWN);
                    }
                    break;
                }
                boolean accepting = draining == null;
                switch (next.get()) {
                    case StartChild(Pid from, Ref ref) when accepting -> {
                        Pid child = Proc.spawnLink(this::connection);
                        children.add(child);
                        live.set(children.size());
                        from.send(new ChildStarted(ref, child));
                    }
                    case StartChild(Pid from, Ref ref) -> from.send(new ChildStarted(ref, null));
                    case Exit(Pid from, Object reason) -> {
                        if (children.remove(from)) { // a connection ended, however: its permit comes back
                            permits.release();
                            live.set(children.size());
                        } else if (acceptors.remove(from) && accepting && reason != ExitReason.NORMAL) {
                            if (!intensity.allowsRestart(System.nanoTime())) {
                                LOG.log(Level.ERROR, "acceptors crashed {0,number,#} times in {1,number,#} ms: stopping",
                                        MAX_RESTARTS, RESTART_PERIOD_MS);
                                exitReason = "reached_max_restart_intensity";
                                Proc.exit(exitReason);
                            }
                            LOG.log(Level.WARNING, "an acceptor exited ({0}); starting another", reason);
                            acceptors.add(Proc.spawnLink(this::acceptor));
                        }
                    }
                    case Drain d when accepting -> {
                        draining = d;
                        listen.close(); // acceptors blocked in accept get closed and exit
                        permits.release(acceptors.size()); // wake acceptors waiting for a permit
                        LOG.log(Level.INFO, "stopped accepting; draining {0,number,#} connection(s), up to {1,number,#} ms",
                                children.size(), Duration.ofNanos(d.deadlineNanos() - System.nanoTime()).toMillis());
                    }
                    default -> {
                        // a second Drain, a StartChild answered above: nothing else to do
                    }
                }
            }
            int cut = children.size();
            exitReason = ExitReason.SHUTDOWN;
            if (draining != null) {
                draining.from().send(new Drained(draining.ref(), cut));
            }
        } finally {
            stopped.complete(exitReason);
        }
    }

    // ------------------------------------------------------------------ acceptors

    private void acceptor() {
        boolean backingOff = false;
        while (true) {
            try {
                permits.acquire(); // the permit comes first: the limit holds under a connect storm
            } catch (InterruptedException e) {
                return;
            }
            if (!listen.isOpen()) {
                permits.release();
                return;
            }
            TcpSocket s;
            try {
                s = listen.accept();
            } catch (InetException e) {
                permits.release();
                if (e.reason() == InetError.CLOSED) {
                    return;
                }
                if (e.reason() == Posix.EMFILE || e.reason() == Posix.ENFILE) {
                    if (!backingOff) {
                        LOG.log(Level.WARNING, "accept failed with {0} at {1,number,#} live connection(s): backing off {2,number,#} ms "
                                + "until descriptors free up", e.reason(), live.get(), BACKOFF_MS);
                        backingOff = true;
                    }
                    Proc.receive(m -> false, BACKOFF_MS);
                } else {
                    LOG.log(Level.DEBUG, "accept failed: {0}", e.getMessage());
                }
                continue;
            }
            if (backingOff) {
                LOG.log(Level.INFO, "accepting again");
                backingOff = false;
            }
            handOver(s);
        }
    }

    /**
     * Asks the supervisor for a connection process and gives it the socket; the permit goes with
     * it. Whatever goes wrong before the supervisor holds the child, the socket is closed and the
     * permit given back here.
     */
    private void handOver(TcpSocket s) {
        Pid child = null;
        try {
            Ref ref = Proc.makeRef();
            supervisor.send(new StartChild(Proc.self(), ref));
            child = Proc.receive(ChildStarted.class, c -> c.ref().equals(ref)).child();
            if (child != null) {
                s.controllingProcess(child);
                child.send(new Go(s));
                return; // the supervisor returns the permit when the child exits
            }
        } catch (InetException e) {
            LOG.log(Level.DEBUG, "could not hand a connection over: {0}", e.getMessage());
        } finally {
            if (child == null || s.owner().equals(Proc.self())) {
                s.close();
            }
        }
        if (child == null) {
            permits.release(); // draining: the supervisor refused; or it died (and so does this acceptor)
        } else {
            Proc.exit(child, ExitReason.KILL); // it never got the socket; its exit returns the permit
        }
    }

    // ------------------------------------------------------------------ connections

    /**
     * A connection process: waits for its socket, reads the PROXY header if configured, runs the
     * TLS handshake (all within the time-outs), then hands the live socket to {@link Connection}.
     */
    private void connection() {
        Optional<Go> go = Proc.receive(Go.class, config.handshakeTimeoutMs());
        if (go.isEmpty()) {
            return;
        }
        TcpSocket tcp = go.get().socket();
        long start = System.nanoTime();
        String client = "?";
        String via = "";
        String stage = "proxy header";
        try {
            InetSocketAddress peer = tcp.peername();
            client = Connection.hostPort(peer);
            if (config.proxyProtocol()) {
                InetSocketAddress real = ProxyHeader.read(tcp, EchoConfig.PROXY_HEADER_TIMEOUT_MS);
                if (real != null) {
                    via = " (via proxy " + client + ")";
                    client = Connection.hostPort(real);
                }
            }
            stage = "handshake";
            List<AnyOption> options = new ArrayList<>(List.of(binary(), packet(config.packet()), active(false)));
            if (config.isTls()) {
                options.addAll(0, config.tls());
                SslSocket ssl = Ssl.handshake(tcp, options, config.handshakeTimeoutMs());
                ConnectionInfo info = ssl.connectionInformation();
                Connection.echo(ssl, new Connection.Peer(client, via, info.protocol().atom().replace("'", ""),
                        info.cipherSuite().ianaName()), start);
            } else {
                tcp.setopts(List.of(packet(config.packet())));
                Connection.echo(tcp, new Connection.Peer(client, via, "tcp", "none"), start);
            }
        } catch (InetException | ProxyHeader.Malformed e) {
            tcp.close();
            Object why = e instanceof InetException ie ? ie.reason() : "{proxy_header, \"" + e.getMessage() + "\"}";
            LOG.log(Level.INFO, "connection {0}{1} failed in its {2} after {3,number,#} ms: {4}", client, via, stage,
                    (System.nanoTime() - start) / 1_000_000, Connection.oneLine(why));
        }
    }
}
