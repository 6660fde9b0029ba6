package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.ClientHello;
import dev.otpnet.ssl.SslOption;

import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * The first handshake of a {@link TlsWire}, as a state machine over {@link TlsLink.State}:
 * {@code NEW → HANDSHAKING → CONNECTED}, with a server's optional pause after the hello
 * ({@code HANDSHAKING → PAUSED}, then {@link #resume} or {@link #cancel}).
 *
 * <p>A server reads the ClientHello itself before any engine exists ({@link HelloReader}): that
 * is where SNI picks the engine, TLS_FALLBACK_SCSV is answered and a malformed hello is refused.
 * Each step runs under a {@link Watchdog} that aborts the transport when the time-out passes.
 *
 * <p><b>Threads.</b> Called by one thread (the one running {@code ssl:handshake} or
 * {@code ssl:connect}) before any read or write; {@code paused} is confined to it.
 */
final class TlsHandshake {
    private static final System.Logger LOG = System.getLogger(TlsHandshake.class.getName());
    private static final int HELLO_BUFFER = 4096;

    private final TlsLink link;
    private final ServerEngines serverEngines;
    private final AlertPolicy alerts;
    private final Renegotiation renegotiation;
    private HelloReader.Result paused;

    TlsHandshake(TlsLink link, ServerEngines serverEngines, AlertPolicy alerts, Renegotiation renegotiation) {
        this.link = link;
        this.serverEngines = serverEngines;
        this.alerts = alerts;
        this.renegotiation = renegotiation;
    }

    /** See {@link TlsWire#handshake}. */
    Optional<ClientHello> run(long timeoutMs) throws InetException {
        if (!link.state.compareAndSet(TlsLink.State.NEW, TlsLink.State.HANDSHAKING)) {
            throw new IllegalStateException("the handshake already ran on this connection (" + link.state.get() + ")");
        }
        try (Watchdog dog = Watchdog.arm(timeoutMs, link.lower::abort)) {
            try {
                if (link.server()) {
                    HelloReader.Result r = HelloReader.read(link.lower, ByteBuffer.allocate(HELLO_BUFFER));
                    link.clientHello = r.hello();
                    HelloReader.refuseFallback(r.hello(), serverEngines);
                    if (serverEngines.pauseAfterHello()) {
                        paused = r;
                        link.state.set(TlsLink.State.PAUSED);
                        return Optional.of(r.hello());
                    }
                    link.start(serverEngines.engineFor(r.hello()), r);
                }
                complete();
                return Optional.empty();
            } catch (HelloRejected e) {
                throw alerts.refuse(e, dog.fired());
            } catch (IOException | RuntimeException e) {
                throw alerts.fail(e, true, dog.fired());
            }
        }
    }

    /** See {@link TlsWire#handshakeContinue(ServerEngines, long)}. */
    void resume(ServerEngines engines, long timeoutMs) throws InetException {
        if (!link.state.compareAndSet(TlsLink.State.PAUSED, TlsLink.State.HANDSHAKING)) {
            throw new IllegalStateException("handshakeContinue needs a handshake paused after the hello (" + link.state.get() + ")");
        }
        ServerEngines chosen = engines == null ? serverEngines : engines;
        try (Watchdog dog = Watchdog.arm(timeoutMs, link.lower::abort)) {
            try {
                link.start(chosen.engineFor(paused.hello()), paused);
                paused = null;
                complete();
            } catch (IOException | RuntimeException e) {
                throw alerts.fail(e, true, dog.fired());
            }
        }
    }

    /** See {@link TlsWire#handshakeContinue(List, long)}. */
    void resume(List<SslOption> extra, long timeoutMs) throws InetException {
        if (!(serverEngines instanceof TlsContextFactory factory)) {
            throw new IllegalStateException("options can be added only to a server made from a TlsConfig");
        }
        resume(TlsContextFactory.of(factory.config().with(extra)), timeoutMs);
    }

    /** See {@link TlsWire#handshakeCancel}. */
    void cancel() {
        if (!link.state.compareAndSet(TlsLink.State.PAUSED, TlsLink.State.CLOSED)) {
            throw new IllegalStateException("handshakeCancel needs a handshake paused after the hello (" + link.state.get() + ")");
        }
        alerts.sendPlainAlert(dev.otpnet.ssl.AlertDescription.USER_CANCELED);
        link.lower.close();
    }

    private void complete() throws IOException {
        EngineIo io = link.io;
        SSLEngine engine = io.engine();
        engine.beginHandshake();
        io.runHandshake();
        if (link.server()) {
            // A TLS 1.3 server's handshake ends reading the client's Finished. When nothing
            // answers it at once (BoringSSL holds its session tickets until our first write;
            // no tickets at all when they are off), the kernel delays its ACK, and a client whose
            // Finished and first request Nagle's algorithm split waits that long (about 40 ms).
            link.lower.acknowledgeNow();
        }
        io.handshakeDone();
        HandshakeObserver observer = link.observer;
        link.resumed = observer.resumed();
        ClientHello hello = link.clientHello != null ? link.clientHello : observer.clientHello();
        link.sniHostname = hello == null ? null : hello.serverName();
        link.clientHello = null; // a connection lives long: keep the name, not the hello's lists
        observer.finish();
        renegotiation.afterHandshake();
        if (!link.state.compareAndSet(TlsLink.State.HANDSHAKING, TlsLink.State.CONNECTED)) {
            throw new InetException(InetError.CLOSED, "the connection was closed during the handshake", null);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "TLS " + link.side + " connected: " + engine.getSession().getProtocol()
                + " " + engine.getSession().getCipherSuite() + (link.resumed ? " (resumed)" : ""));
    }
}
