package dev.otpnet.cli;

import static dev.otpnet.inet.Options.ip;

import dev.otpnet.inet.InetException;
import dev.otpnet.listener.Listener;
import dev.otpnet.listener.ListenerSettings;
import dev.otpnet.listener.Transport;
import dev.otpnet.process.Down;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The serving half of {@code otpnet echo}: the command's settings turned into one
 * {@link Listener} (Ranch for otpnet) whose handler is {@link Connection#echo}. Everything else in
 * the command (arguments, certificates, signals, logs) talks to it through {@link #start},
 * {@link #address}, {@link #live}, {@link #drain} and {@link #stopped}.
 *
 * <h2>What the listener does, so this class does not</h2>
 *
 * <pre>
 *   [ranch_listener_sup, otpnet_echo]
 *     ├─ ranch_conns_sup      one temporary process per client, owns its socket; counts them
 *     └─ ranch_acceptors_sup  owns the listen socket
 *          └─ acceptor × --acceptors
 * </pre>
 *
 * <ul>
 *   <li><b>The exact limit</b> ({@code --max-connections}): an acceptor takes a permit before it
 *       accepts; the permit comes back when the connection's process exits, however it ends.</li>
 *   <li><b>Out of descriptors</b> ({@code emfile}, {@code enfile}): acceptors pause 100 ms and retry,
 *       one warning per episode and one line when it ends.</li>
 *   <li><b>In the connection's process, within time-outs</b>: the PROXY header (v1 or v2, TLVs
 *       included; 3 s, the spec's advice) and the TLS handshake ({@code --handshake-timeout}); a
 *       failure is logged by the listener at info, with the client and the stage.</li>
 *   <li><b>Bad TLS settings fail the start</b>, as {@code ssl:listen} does, before
 *       {@code listening on} is printed.</li>
 *   <li><b>Drain</b>: the listen socket closes, live connections get until the deadline, the rest
 *       get exit {@code shutdown}.</li>
 * </ul>
 */
final class EchoService {
    /** The listener's name (Ranch's {@code Ref}): one echo server per JVM. */
    static final String NAME = "otpnet_echo";
    private static final System.Logger LOG = System.getLogger("otpnet.echo");

    private final InetSocketAddress address;
    private final CompletableFuture<Object> stopped = new CompletableFuture<>();

    private EchoService(InetSocketAddress address) {
        this.address = address;
    }

    /**
     * Starts the listener; returns once it accepts.
     *
     * @throws InetException the listen failed ({@code eaddrinuse}, {@code eaddrnotavail},
     *     {@code eacces}), or the TLS options were refused ({@code ekeymismatch}...)
     */
    static EchoService start(EchoConfig config) throws InetException {
        Transport transport = config.isTls() ? Transport.ssl(config.tls()) : Transport.tcp();
        // Ranch's socket defaults stay: {backlog, 1024}, {nodelay, true}, {send_timeout, 30000},
        // {send_timeout_close, true}, {reuseaddr, true}. {packet, P} is the handler's to set.
        ListenerSettings settings = ListenerSettings.DEFAULT
                .withPort(config.port())
                .withSocketOptions(List.of(ip(config.bind())))
                .withNumAcceptors(config.acceptors())
                .withMaxConnections(config.maxConnections()) // Integer.MAX_VALUE is the listener's INFINITY
                .withHandshakeTimeout(config.handshakeTimeoutMs())
                .withProxyHeader(config.proxyProtocol())
                .withProxyHeaderTimeout(EchoConfig.PROXY_HEADER_TIMEOUT_MS);
        Pid sup;
        try (var quiet = Logs.holdingBackSupervisorReports()) {
            sup = Listener.start(NAME, transport, settings, conn -> Connection.echo(conn, config.packet()));
        }
        EchoService s = new EchoService(new InetSocketAddress(Listener.address(NAME), Listener.port(NAME)));
        Proc.spawn(() -> { // the listener's tree gone (it gave up restarting): the command ends
            Proc.monitor(sup);
            s.stopped.complete(Proc.receive(Down.class, d -> d.pid().equals(sup)).reason());
        });
        return s;
    }

    /** Where it listens (the real port when asked for 0). */
    InetSocketAddress address() {
        return address;
    }

    /** Connection processes alive now (including those still in their handshake). */
    int live() {
        return Listener.connections(NAME).size();
    }

    /** Completes with the listener supervisor's exit reason if it stops by itself. */
    CompletableFuture<Object> stopped() {
        return stopped;
    }

    /**
     * Stops accepting at once (the listen socket closes: new clients are refused), waits up to
     * {@code timeout} for live connections to end, then stops those left with reason
     * {@code shutdown}. Returns how many were cut.
     */
    int drain(Duration timeout) throws InetException {
        Listener.suspend(NAME);
        LOG.log(Level.INFO, "stopped accepting; draining {0,number,#} connection(s), up to {1,number,#} ms", live(),
                timeout.toMillis());
        return Listener.drain(NAME, timeout.toMillis()).closed();
    }
}
