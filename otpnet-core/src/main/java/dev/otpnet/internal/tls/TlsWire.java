package dev.otpnet.internal.tls;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Reason;
import dev.otpnet.internal.wire.PolledWire;
import dev.otpnet.internal.wire.Wire;
import dev.otpnet.ssl.ClientHello;
import dev.otpnet.ssl.ConnectionInfo;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.TlsAlert;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * TLS as a {@link Wire} over another wire, so that framing, active modes and ownership, which
 * the socket layer builds on wires, work on TLS exactly as on TCP.
 *
 * <p><b>Life.</b> Create with {@link #client} or {@link #server}, run {@link #handshake}, then
 * use it as a wire. A server that asked to pause after the hello gets the {@link ClientHello}
 * from {@code handshake} and then calls {@link #handshakeContinue} or {@link #handshakeCancel}.
 * {@link #downgrade} ends TLS with a close_notify exchange and gives back the lower wire.
 *
 * <p><b>Parts.</b> This class moves data; {@link TlsHandshake} runs the first handshake,
 * {@link AlertPolicy} decides what a failure tells the peer and the owner, {@link Renegotiation}
 * runs handshakes on the established connection; they share one {@link TlsLink}.
 *
 * <p><b>Engine.</b> Only the {@link javax.net.ssl.SSLEngine} interface is used, so any engine (the
 * JDK's, a BoringSSL one) can run under it.
 *
 * <p><b>Threads.</b> The handshake methods are called by one thread before any read or write.
 * Afterwards the {@link Wire} contract holds: one reader and one writer may run at once;
 * {@link #renegotiate}, {@link #updateKeys} and {@link #connectionInformation} may be called
 * while they run; {@link #close} and {@link #abort} from any thread wake both.
 *
 * <p><b>Polled.</b> Over a polled wire (a gen_tcp socket's) the session is polled too: the
 * handshake blocks in the lower wire's reads, and afterwards the socket's reader reads records on
 * readiness with {@link #readNow}, which never waits ({@link PolledReads} takes what would).
 *
 * <p><b>Endings.</b> A read returns -1 after the peer's close_notify. A transport that ends
 * without close_notify after the handshake is reported: the read fails with {@link #TRUNCATED},
 * and {@link #truncated()} turns true.
 */
public final class TlsWire implements PolledWire {
    /**
     * Why a read fails when the transport ends without close_notify after the handshake:
     * {@code {closed,truncated}}, so the socket reports it rather than a clean close.
     */
    public static final Reason TRUNCATED = new Reason.Tagged("closed", "truncated");

    private static final System.Logger LOG = System.getLogger(TlsWire.class.getName());

    /** What {@link #downgrade} returns: the lower wire and the bytes that followed TLS on it. */
    public record Downgrade(Wire wire, Bytes leftover) {
    }

    private final TlsLink link;
    private final AlertPolicy alerts;
    private final Renegotiation renegotiation;
    private final TlsHandshake handshake;
    private volatile boolean inputShut;
    /** Over a polled wire: what keeps reads from waiting; null otherwise. */
    private final PolledReads polled;

    private TlsWire(Wire lower, TlsAlert.Side side, ServerEngines serverEngines, TlsEngine tls) {
        this.link = new TlsLink(lower, side);
        this.polled = lower instanceof PolledWire p && p.isPolled() ? new PolledReads(p) : null;
        this.alerts = new AlertPolicy(link);
        this.renegotiation = new Renegotiation(link, alerts);
        this.handshake = new TlsHandshake(link, serverEngines, alerts, renegotiation);
        if (tls != null) {
            link.start(tls, null);
        }
    }

    /** A client over {@code lower}, with an engine in client mode. */
    public static TlsWire client(Wire lower, TlsEngine engine) {
        if (!engine.engine().getUseClientMode()) {
            throw new IllegalArgumentException("a client TlsWire needs an engine in client mode");
        }
        return new TlsWire(lower, TlsAlert.Side.CLIENT, null, engine);
    }

    /** A client for {@code host}:{@code port} (the SNI and host-check name) with options {@code config}. */
    public static TlsWire client(Wire lower, TlsConfig config, String host, int port) {
        return client(lower, TlsContextFactory.of(config).clientEngine(host, port));
    }

    /** A server with options {@code config} (its sni_hosts and sni_fun pick engines per hello). */
    public static TlsWire server(Wire lower, TlsConfig config) {
        return server(lower, TlsContextFactory.of(config));
    }

    /** A server over {@code lower}; its engine comes from {@code engines} once the hello is read. */
    public static TlsWire server(Wire lower, ServerEngines engines) {
        return new TlsWire(lower, TlsAlert.Side.SERVER, engines, null);
    }

    // ---- handshake -----------------------------------------------------------------------

    /**
     * Runs the handshake, failing with {@code timeout} when it takes longer than
     * {@code timeoutMs} (the connection is then closed).
     *
     * @return empty when the connection is established; the client's hello when this server
     *     pauses after it
     * @throws InetException a TLS alert, {@code timeout} or {@code closed}; the wire is closed
     */
    public Optional<ClientHello> handshake(long timeoutMs) throws InetException {
        return handshake.run(timeoutMs);
    }

    /**
     * Continues a handshake paused after the hello, with engines built from the options the
     * caller added ({@code null} keeps the original ones).
     */
    public void handshakeContinue(ServerEngines engines, long timeoutMs) throws InetException {
        handshake.resume(engines, timeoutMs);
    }

    /**
     * Continues a handshake paused after the hello with {@code extra} options on top of the
     * server's ({@code ssl:handshake_continue/3}).
     */
    public void handshakeContinue(List<SslOption> extra, long timeoutMs) throws InetException {
        handshake.resume(extra, timeoutMs);
    }

    /** Ends a handshake paused after the hello: sends a user_canceled alert and closes. */
    public void handshakeCancel() {
        handshake.cancel();
    }

    // ---- after the handshake -------------------------------------------------------------

    /** What was negotiated: version, cipher suite, SNI, resumption, ALPN, peer certificates. */
    public ConnectionInfo connectionInformation() throws InetException {
        EngineIo io = link.connected();
        String sni = link.server() ? link.sniHostname : link.tls.serverName();
        return SessionReport.of(io.engine(), sni, link.resumed);
    }

    /**
     * Starts a TLS 1.2 renegotiation and waits until it completes ({@code ssl:renegotiate/1}).
     * Reads and writes may go on meanwhile.
     *
     * @throws InetException {@code notsup} on TLS 1.3 (use {@link #updateKeys}),
     *     {@code renegotiation_rejected} when the peer refuses, a TLS alert, or {@code timeout}
     */
    public void renegotiate(long timeoutMs) throws InetException {
        renegotiation.renegotiate(timeoutMs);
    }

    /**
     * Sends a TLS 1.3 KeyUpdate asking the peer to update its keys too
     * ({@code ssl:update_keys(Socket, read_write)}).
     *
     * @throws InetException {@code notsup} before TLS 1.3
     */
    public void updateKeys() throws InetException {
        renegotiation.updateKeys();
    }

    /**
     * Ends TLS but keeps the transport: sends close_notify, reads until the peer's, and returns
     * the lower wire with the bytes read past the peer's close_notify (plus any application data
     * that had arrived before it and was not read), in stream order.
     */
    public Downgrade downgrade(long timeoutMs) throws InetException {
        EngineIo current = link.connected();
        try (Watchdog dog = Watchdog.arm(timeoutMs, link.lower::abort)) {
            try {
                current.closeOutbound(true);
                Bytes rest = current.awaitPeerCloseAndTakeRest();
                link.state.set(TlsLink.State.CLOSED);
                link.release();
                return new Downgrade(link.lower, rest);
            } catch (IOException | RuntimeException e) {
                throw alerts.fail(e, false, dog.fired());
            }
        }
    }

    /** Whether the peer ended the transport without close_notify after the handshake. */
    public boolean truncated() {
        EngineIo current = link.io;
        return current != null && current.truncated();
    }

    // ---- Wire ----------------------------------------------------------------------------

    @Override
    public int read(ByteBuffer dst) throws IOException {
        EngineIo current = link.connected();
        if (inputShut) {
            return -1;
        }
        try {
            return current.read(dst);
        } catch (InetException e) {
            if (link.state.get() == TlsLink.State.CONNECTED && e.reason() != InetError.CLOSED) {
                // a BoringSSL server that refused a renegotiation sent its alert without failing
                // the read: what ends the connection is the client leaving, but the cause is the refusal
                throw renegotiation.readFailure(e);
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            throw renegotiation.readFailure(e);
        }
    }

    // ---- PolledWire ----------------------------------------------------------------------

    @Override
    public boolean isPolled() {
        return polled != null;
    }

    @Override
    public void onReadable(Runnable callback) {
        polledWire().onReadable(callback);
    }

    @Override
    public void armRead() throws IOException {
        if (polled == null) {
            throw new IllegalStateException("the wire is not polled");
        }
        polled.armRead();
    }

    @Override
    public void disarmRead() {
        if (polled != null) {
            polled.disarmRead();
        }
    }

    @Override
    public void kick() {
        polledWire().kick();
    }

    @Override
    public boolean buffered() {
        EngineIo current = link.io;
        return current != null && current.holding();
    }

    /**
     * As {@link #read}, never waiting: 0 when no plaintext can be had now. What a read would wait
     * for (writing the engine's answer, failing the connection with an alert) is offloaded, and
     * the reader is kicked when it is done; a failure decided there is thrown here afterwards.
     */
    @Override
    public int readNow(ByteBuffer dst) throws IOException {
        PolledReads reads = polledReads();
        if (reads.suspended()) {
            return 0; // the task's end kicks the reader
        }
        InetException failed = reads.failure(); // set before the task's end: seen once it is over
        if (failed != null) {
            throw failed;
        }
        EngineIo current = link.connected();
        if (inputShut) {
            return -1;
        }
        try {
            int n = current.readNow(dst);
            if (n == 0 && current.answerDue()) {
                polled.offload(() -> answer(current));
            }
            return n;
        } catch (InetException e) {
            if (link.state.get() != TlsLink.State.CONNECTED || e.reason() == InetError.CLOSED) {
                throw e;
            }
            polled.offload(() -> renegotiation.readFailure(e));
            return 0;
        } catch (IOException | RuntimeException e) {
            polled.offload(() -> renegotiation.readFailure(e));
            return 0;
        }
    }

    /** Off the poller: writes the engine's answer; the failure to report if that fails. */
    private InetException answer(EngineIo current) {
        try {
            current.answer();
            return null;
        } catch (IOException | RuntimeException e) {
            // a read's failure, as if the read had written it: the JDK's engine throws a refused
            // renegotiation's failure from the wrap that sends its alert
            return renegotiation.readFailure(e);
        }
    }

    private PolledReads polledReads() {
        if (polled == null) {
            throw new IllegalStateException("the wire is not polled");
        }
        return polled;
    }

    private PolledWire polledWire() {
        return polledReads().lower();
    }

    @Override
    public void write(ByteBuffer[] srcs) throws IOException {
        EngineIo current = link.connected();
        try {
            current.write(srcs);
        } catch (InetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw alerts.fail(e, false, false);
        }
    }

    /** Sends close_notify, then half-closes the transport, as {@code ssl:shutdown(S, write)}. */
    @Override
    public void shutdownOutput() throws IOException {
        link.connected().closeOutbound(true);
        link.lower.shutdownOutput();
    }

    @Override
    public void shutdownInput() throws IOException {
        inputShut = true;
        link.lower.shutdownInput();
    }

    /** Sends close_notify (unless a blocked write holds the output) and closes the transport. */
    @Override
    public void close() {
        TlsLink.State before = link.state.getAndSet(TlsLink.State.CLOSED);
        if (before == TlsLink.State.CLOSED) {
            return;
        }
        EngineIo current = link.io;
        if (current != null) {
            if (before == TlsLink.State.CONNECTED) {
                try {
                    current.closeOutbound(false);
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "close_notify not sent", e);
                }
            }
            current.stop();
        }
        link.lower.close();
        link.release();
    }

    @Override
    public void abort() {
        link.state.set(TlsLink.State.CLOSED);
        EngineIo current = link.io;
        if (current != null) {
            current.stop();
        }
        link.lower.abort();
        link.release();
    }

    @Override
    public boolean isOpen() {
        TlsLink.State s = link.state.get();
        return s != TlsLink.State.CLOSED && s != TlsLink.State.FAILED && link.lower.isOpen();
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        return link.lower.localAddress();
    }

    @Override
    public SocketAddress remoteAddress() throws IOException {
        return link.lower.remoteAddress();
    }

    @Override
    public String toString() {
        return "TlsWire[" + link.side.name().toLowerCase(java.util.Locale.ROOT) + ", " + link.state.get()
                + ", over " + link.lower + "]";
    }
}
