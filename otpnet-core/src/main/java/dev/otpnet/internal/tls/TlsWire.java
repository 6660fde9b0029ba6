package dev.otpnet.internal.tls;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Reason;
import dev.otpnet.internal.wire.Wire;
import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.AlertLevel;
import dev.otpnet.ssl.ClientHello;
import dev.otpnet.ssl.ConnectionInfo;
import dev.otpnet.ssl.SslError;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.TlsAlert;
import dev.otpnet.ssl.TlsVersion;

import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * TLS as a {@link Wire} over another wire, so that framing, active modes and ownership, which
 * the socket layer builds on wires, work on TLS exactly as on TCP.
 *
 * <p><b>Life.</b> Create with {@link #client} or {@link #server}, run {@link #handshake}, then
 * use it as a wire. A server that asked to pause after the hello gets the {@link ClientHello}
 * from {@code handshake} and then calls {@link #handshakeContinue} or {@link #handshakeCancel}.
 * {@link #downgrade} ends TLS with a close_notify exchange and gives back the lower wire.
 *
 * <p><b>Engine.</b> Only the {@link SSLEngine} interface is used, so any engine (the JDK's, a
 * BoringSSL one) can run under it. A server reads the ClientHello itself before it creates the
 * engine: that is where SNI picks the certificate, TLS_FALLBACK_SCSV is answered, and a
 * malformed or oversized hello is refused with the alert Erlang would send.
 *
 * <p><b>Threads.</b> The handshake methods are called by one thread before any read or write.
 * Afterwards the {@link Wire} contract holds: one reader and one writer may run at once;
 * {@link #renegotiate}, {@link #updateKeys} and {@link #connectionInformation} may be called
 * while they run; {@link #close} and {@link #abort} from any thread wake both.
 *
 * <p><b>Endings.</b> A read returns -1 after the peer's close_notify. A transport that ends
 * without close_notify after the handshake is reported: the read fails with {@link #TRUNCATED}, and {@link #truncated()} turns true.
 */
public final class TlsWire implements Wire {
    /**
     * Why a read fails when the transport ends without close_notify after the handshake:
     * {@code {closed,truncated}}, so the socket reports it rather than a clean close.
     */
    public static final Reason TRUNCATED = new Reason.Tagged("closed", "truncated");

    /** Erlang's {@code infinity} for time-outs. */
    public static final long INFINITY = Watchdog.INFINITY;
    private static final System.Logger LOG = System.getLogger(TlsWire.class.getName());
    private static final int HELLO_BUFFER = 4096;

    private enum State { NEW, HANDSHAKING, PAUSED, CONNECTED, FAILED, CLOSED }

    /** What {@link #downgrade} returns: the lower wire and the bytes that followed TLS on it. */
    public record Downgrade(Wire wire, Bytes leftover) {
    }

    private final Wire lower;
    private final TlsAlert.Side side;
    private final ServerEngines serverEngines;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile TlsEngine tls;
    private volatile EngineIo io;
    private volatile HandshakeObserver observer;
    private volatile ClientHello clientHello;
    private volatile boolean resumed;
    private volatile boolean inputShut;
    private volatile RenegotiationGuard renegotiationGuard;
    private HelloReader.Result paused;

    private TlsWire(Wire lower, TlsAlert.Side side, ServerEngines serverEngines, TlsEngine tls) {
        this.lower = lower;
        this.side = side;
        this.serverEngines = serverEngines;
        if (tls != null) {
            start(tls, null);
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

    private void start(TlsEngine t, HelloReader.Result hello) {
        this.tls = t;
        this.observer = new HandshakeObserver(side == TlsAlert.Side.CLIENT, hello == null ? null : hello.hello());
        this.io = new EngineIo(lower, t.engine(), hello == null ? null : hello.netIn(), observer);
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
        if (!state.compareAndSet(State.NEW, State.HANDSHAKING)) {
            throw new IllegalStateException("the handshake already ran on this connection (" + state.get() + ")");
        }
        try (Watchdog dog = Watchdog.arm(timeoutMs, lower::abort)) {
            try {
                if (side == TlsAlert.Side.SERVER) {
                    HelloReader.Result r = HelloReader.read(lower, ByteBuffer.allocate(HELLO_BUFFER));
                    clientHello = r.hello();
                    HelloReader.refuseFallback(r.hello(), serverEngines);
                    if (serverEngines.pauseAfterHello()) {
                        paused = r;
                        state.set(State.PAUSED);
                        return Optional.of(r.hello());
                    }
                    start(serverEngines.engineFor(r.hello()), r);
                }
                complete();
                return Optional.empty();
            } catch (HelloRejected e) {
                throw refuse(e, dog.fired());
            } catch (IOException | RuntimeException e) {
                throw fail(e, true, dog.fired());
            }
        }
    }

    /**
     * Continues a handshake paused after the hello, with engines built from the options the
     * caller added ({@code null} keeps the original ones).
     */
    public void handshakeContinue(ServerEngines engines, long timeoutMs) throws InetException {
        if (!state.compareAndSet(State.PAUSED, State.HANDSHAKING)) {
            throw new IllegalStateException("handshakeContinue needs a handshake paused after the hello (" + state.get() + ")");
        }
        ServerEngines chosen = engines == null ? serverEngines : engines;
        try (Watchdog dog = Watchdog.arm(timeoutMs, lower::abort)) {
            try {
                start(chosen.engineFor(paused.hello()), paused);
                paused = null;
                complete();
            } catch (IOException | RuntimeException e) {
                throw fail(e, true, dog.fired());
            }
        }
    }

    /**
     * Continues a handshake paused after the hello with {@code extra} options on top of the
     * server's ({@code ssl:handshake_continue/3}).
     */
    public void handshakeContinue(List<SslOption> extra, long timeoutMs) throws InetException {
        if (!(serverEngines instanceof TlsContextFactory factory)) {
            throw new IllegalStateException("options can be added only to a server made from a TlsConfig");
        }
        handshakeContinue(TlsContextFactory.of(factory.config().with(extra)), timeoutMs);
    }

    /** Ends a handshake paused after the hello: sends a user_canceled alert and closes. */
    public void handshakeCancel() {
        if (!state.compareAndSet(State.PAUSED, State.CLOSED)) {
            throw new IllegalStateException("handshakeCancel needs a handshake paused after the hello (" + state.get() + ")");
        }
        sendPlainAlert(AlertDescription.USER_CANCELED);
        lower.close();
    }

    private void complete() throws IOException {
        SSLEngine engine = io.engine();
        engine.beginHandshake();
        io.runHandshake();
        io.handshakeDone();
        resumed = observer.resumed();
        if (clientHello == null) {
            clientHello = observer.clientHello();
        }
        if (side == TlsAlert.Side.SERVER && !tls.clientRenegotiation()) {
            RenegotiationGuard guard = new RenegotiationGuard(engine);
            renegotiationGuard = guard;
            io.guard(guard);
        }
        if (!state.compareAndSet(State.HANDSHAKING, State.CONNECTED)) {
            throw new InetException(InetError.CLOSED, "the connection was closed during the handshake", null);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "TLS " + side + " connected: " + engine.getSession().getProtocol()
                + " " + engine.getSession().getCipherSuite() + (resumed ? " (resumed)" : ""));
    }

    private InetException refuse(HelloRejected e, boolean timedOut) {
        state.set(State.FAILED);
        if (timedOut) {
            lower.abort();
            return new InetException(InetError.TIMEOUT, e);
        }
        sendPlainAlert(e.alert());
        lower.close();
        TlsAlert alert = TlsAlert.generated(side, "hello", "HelloReader", AlertLevel.FATAL, e.alert(), e.detail());
        LOG.log(System.Logger.Level.DEBUG, () -> "refused a ClientHello: " + alert);
        return new InetException(alert, e);
    }

    private void sendPlainAlert(AlertDescription description) {
        try {
            lower.write(new ByteBuffer[] {TlsRecords.plaintextAlert(AlertLevel.FATAL, description)});
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not send the " + description.atom() + " alert", e);
        }
    }

    /** Marks the connection failed, sends the engine's alert if any, closes, and says why. */
    InetException fail(Throwable cause, boolean handshaking, boolean timedOut) {
        State before = state.getAndSet(State.FAILED);
        Reason reason = before == State.CLOSED ? InetError.CLOSED
                : TlsFailures.classify(cause, new TlsFailures.Context(side, handshaking, observer,
                        tls == null ? null : tls.verify(), timedOut));
        EngineIo current = io;
        if (current != null) {
            current.sendPendingAlert(ownVerdict(reason, handshaking));
            current.stop();
        } else if (side == TlsAlert.Side.SERVER && !timedOut && before != State.CLOSED) {
            sendPlainAlert(reason instanceof TlsAlert a ? a.description() : AlertDescription.HANDSHAKE_FAILURE);
        }
        lower.close();
        LOG.log(System.Logger.Level.DEBUG, () -> "TLS " + side + " failed: " + reason, cause);
        return cause instanceof InetException ie && ie.reason() == reason ? ie : new InetException(reason, cause);
    }

    /**
     * The alert our peer verification decided on, when {@code reason} is its refusal: what an
     * Erlang peer would send, rather than the engine's certificate_unknown.
     */
    private AlertDescription ownVerdict(Reason reason, boolean handshaking) {
        VerifyOutcome.Rejection r = handshaking && tls != null && tls.verify() != null ? tls.verify().rejection() : null;
        return r != null && reason instanceof TlsAlert a && a.description() == r.alert() ? r.alert() : null;
    }

    // ---- after the handshake -------------------------------------------------------------

    private EngineIo connected() throws InetException {
        return switch (state.get()) {
            case CONNECTED -> io;
            case FAILED, CLOSED -> throw new InetException(InetError.CLOSED);
            case NEW, HANDSHAKING, PAUSED -> throw new IllegalStateException("the TLS handshake has not completed");
        };
    }

    /** What was negotiated: version, cipher suite, SNI, resumption, ALPN, peer certificates. */
    public ConnectionInfo connectionInformation() throws InetException {
        SSLEngine engine = connected().engine();
        String sni = side == TlsAlert.Side.CLIENT ? tls.serverName() : clientHello == null ? null : clientHello.serverName();
        return SessionReport.of(engine, sni, resumed);
    }

    /**
     * Starts a TLS 1.2 renegotiation and waits until it completes ({@code ssl:renegotiate/1}).
     * Reads and writes may go on meanwhile.
     *
     * @throws InetException {@code notsup} on TLS 1.3 (use {@link #updateKeys}),
     *     {@code renegotiation_rejected} when the peer refuses, a TLS alert, or {@code timeout}
     */
    public void renegotiate(long timeoutMs) throws InetException {
        EngineIo current = connected();
        if (protocol(current) == TlsVersion.TLSV1_3) {
            throw new InetException(SslError.NOTSUP, "TLS 1.3 has no renegotiation; update the keys instead", null);
        }
        try (Watchdog dog = Watchdog.arm(timeoutMs, lower::abort)) {
            try {
                current.engine().beginHandshake();
                current.driveHandshake();
            } catch (IOException | RuntimeException e) {
                InetException failed = fail(e, false, dog.fired());
                String text = String.valueOf(e.getMessage());
                throw text.contains("no_renegotiation") ? new InetException(SslError.RENEGOTIATION_REJECTED, e) : failed;
            }
        }
    }

    /**
     * Sends a TLS 1.3 KeyUpdate asking the peer to update its keys too
     * ({@code ssl:update_keys(Socket, read_write)}).
     *
     * @throws InetException {@code notsup} before TLS 1.3
     */
    public void updateKeys() throws InetException {
        EngineIo current = connected();
        if (protocol(current) != TlsVersion.TLSV1_3) {
            throw new InetException(SslError.NOTSUP, "key update needs TLS 1.3; renegotiate instead", null);
        }
        try {
            current.engine().beginHandshake();
            current.driveHandshake();
        } catch (IOException | RuntimeException e) {
            throw fail(e, false, false);
        }
    }

    private static TlsVersion protocol(EngineIo io) {
        return TlsVersion.parse(io.engine().getSession().getProtocol()).orElse(TlsVersion.TLSV1_2);
    }

    /**
     * Ends TLS but keeps the transport: sends close_notify, reads until the peer's, and returns
     * the lower wire with the bytes read past the peer's close_notify (plus any application data
     * that had arrived before it and was not read), in stream order.
     */
    public Downgrade downgrade(long timeoutMs) throws InetException {
        EngineIo current = connected();
        try (Watchdog dog = Watchdog.arm(timeoutMs, lower::abort)) {
            try {
                current.closeOutbound(true);
                Bytes rest = current.awaitPeerCloseAndTakeRest();
                state.set(State.CLOSED);
                return new Downgrade(lower, rest);
            } catch (IOException | RuntimeException e) {
                throw fail(e, false, dog.fired());
            }
        }
    }

    /** Whether the peer ended the transport without close_notify after the handshake. */
    public boolean truncated() {
        EngineIo current = io;
        return current != null && current.truncated();
    }

    // ---- Wire ----------------------------------------------------------------------------

    @Override
    public int read(ByteBuffer dst) throws IOException {
        EngineIo current = connected();
        if (inputShut) {
            return -1;
        }
        try {
            return current.read(dst);
        } catch (InetException e) {
            if (state.get() == State.CONNECTED && e.reason() != InetError.CLOSED) {
                throw fail(e, false, false);
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            InetException failed = fail(e, false, false);
            RenegotiationGuard guard = renegotiationGuard;
            throw guard != null && guard.refused() ? RenegotiationGuard.refusal(e) : failed;
        }
    }

    @Override
    public void write(ByteBuffer[] srcs) throws IOException {
        EngineIo current = connected();
        try {
            current.write(srcs);
        } catch (InetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw fail(e, false, false);
        }
    }

    /** Sends close_notify, then half-closes the transport, as {@code ssl:shutdown(S, write)}. */
    @Override
    public void shutdownOutput() throws IOException {
        connected().closeOutbound(true);
        lower.shutdownOutput();
    }

    @Override
    public void shutdownInput() throws IOException {
        inputShut = true;
        lower.shutdownInput();
    }

    /** Sends close_notify (unless a blocked write holds the output) and closes the transport. */
    @Override
    public void close() {
        State before = state.getAndSet(State.CLOSED);
        if (before == State.CLOSED) {
            return;
        }
        EngineIo current = io;
        if (current != null) {
            if (before == State.CONNECTED) {
                try {
                    current.closeOutbound(false);
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "close_notify not sent", e);
                }
            }
            current.stop();
        }
        lower.close();
    }

    @Override
    public void abort() {
        state.set(State.CLOSED);
        EngineIo current = io;
        if (current != null) {
            current.stop();
        }
        lower.abort();
    }

    @Override
    public boolean isOpen() {
        State s = state.get();
        return s != State.CLOSED && s != State.FAILED && lower.isOpen();
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        return lower.localAddress();
    }

    @Override
    public SocketAddress remoteAddress() throws IOException {
        return lower.remoteAddress();
    }

    @Override
    public String toString() {
        return "TlsWire[" + side.name().toLowerCase(java.util.Locale.ROOT) + ", " + state.get() + ", over " + lower + "]";
    }
}
