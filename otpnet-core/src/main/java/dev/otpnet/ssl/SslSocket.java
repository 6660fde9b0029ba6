package dev.otpnet.ssl;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.ShutdownHow;
import dev.otpnet.inet.Stats;
import dev.otpnet.internal.conn.Conn;
import dev.otpnet.internal.conn.Detached;
import dev.otpnet.internal.conn.PortIds;
import dev.otpnet.internal.conn.Settings;
import dev.otpnet.internal.conn.Ownership;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.internal.tcp.TcpSockets;
import dev.otpnet.internal.tls.TlsConfig;
import dev.otpnet.internal.tls.TlsWire;
import dev.otpnet.internal.wire.PrefixedWire;
import dev.otpnet.process.Pid;
import dev.otpnet.tcp.TcpSocket;
import java.net.InetSocketAddress;
import java.nio.channels.NetworkChannel;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A TLS socket: the same socket layer as {@link TcpSocket} (framing, active modes, flow control,
 * ownership) over a TLS session. Its messages are tagged {@code ssl}: {@code {ssl, S, Data}},
 * {@code {ssl_closed, S}}, {@code {ssl_error, S, Reason}}, {@code {ssl_passive, S}}.
 *
 * <p>A socket from {@link Ssl#transportAccept} has not done its handshake: until
 * {@link Ssl#handshake} succeeds only {@code handshake}, {@code controllingProcess},
 * {@code close}, {@code peername} and {@code sockname} are allowed (others fail with
 * {@code einval}). The handshake runs in the calling process, never in an acceptor.
 *
 * <p>Thread-safe.
 */
public final class SslSocket implements InetSocket {
    private final long id = PortIds.next();
    private final TlsWire tls;
    private final NetworkChannel kernel;
    private final Settings initial;
    private volatile Conn conn;
    /** The owner until the handshake is done; afterwards {@link Conn} keeps it. */
    private final Ownership early;
    private volatile boolean closedEarly;

    private SslSocket(TlsWire tls, NetworkChannel kernel, Settings settings, ProcessCore owner) {
        this.tls = tls;
        this.kernel = kernel;
        this.initial = settings;
        this.early = new Ownership(owner, this::close);
        early.attach();
    }

    static SslSocket server(Detached d, Settings settings, TlsConfig config, ProcessCore owner) {
        return new SslSocket(TlsWire.server(PrefixedWire.of(d.wire(), d.buffered()), config), d.kernel(), settings,
                owner);
    }

    static SslSocket client(Detached d, Settings settings, TlsConfig config, String host, int port,
            ProcessCore owner) {
        return new SslSocket(TlsWire.client(PrefixedWire.of(d.wire(), d.buffered()), config, host, port), d.kernel(),
                settings, owner);
    }

    // ---------------------------------------------------------------- handshake

    /** Runs the handshake in the calling thread; empty when done, the ClientHello when paused after it. */
    Optional<ClientHello> handshake(long timeoutMillis) throws InetException {
        requireNotStarted();
        Optional<ClientHello> paused;
        try {
            paused = tls.handshake(timeoutMillis);
        } catch (InetException e) {
            close();
            throw e;
        }
        if (paused.isEmpty()) {
            startConn();
        }
        return paused;
    }

    void handshakeContinue(List<SslOption> extra, long timeoutMillis) throws InetException {
        requireNotStarted();
        try {
            tls.handshakeContinue(extra, timeoutMillis);
        } catch (InetException e) {
            close();
            throw e;
        }
        startConn();
    }

    void handshakeCancel() {
        tls.handshakeCancel();
        close();
    }

    private void requireNotStarted() throws InetException {
        if (closedEarly) {
            throw new InetException(InetError.CLOSED);
        }
        if (conn != null) {
            throw new InetException(Posix.EINVAL, "the TLS handshake is already done", null);
        }
    }

    private synchronized void startConn() throws InetException {
        if (closedEarly) {
            throw new InetException(InetError.CLOSED);
        }
        early.release();
        Conn c = new Conn(id, this, tls, kernel, initial, early.owner());
        conn = c;
        c.start();
    }

    private Conn conn() throws InetException {
        Conn c = conn;
        if (c == null) {
            throw new InetException(closedEarly ? InetError.CLOSED : Posix.EINVAL,
                    closedEarly ? null : "the TLS handshake has not been done on this socket", null);
        }
        return c;
    }

    // ---------------------------------------------------------------- TLS functions

    /** {@code ssl:connection_information/1}. */
    public ConnectionInfo connectionInformation() throws InetException {
        conn();
        return tls.connectionInformation();
    }

    /** {@code ssl:peercert/1}: the peer's certificate, DER-encoded; {@code no_peercert} when it sent none. */
    public Bytes peercert() throws InetException {
        X509Certificate cert = peerCertificate();
        try {
            return Bytes.wrap(cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new InetException(SslError.EPEERCERT, e);
        }
    }

    /** The peer's certificate as an {@link X509Certificate}; {@code no_peercert} when it sent none. */
    public X509Certificate peerCertificate() throws InetException {
        return connectionInformation().peerCertificate()
                .orElseThrow(() -> new InetException(new dev.otpnet.inet.Reason.Tagged("error", "no_peercert"),
                        "the peer sent no certificate", null));
    }

    /** {@code ssl:negotiated_protocol/1}: the ALPN protocol, if one was agreed. */
    public Optional<String> negotiatedProtocol() throws InetException {
        return connectionInformation().negotiatedProtocol();
    }

    /** {@code ssl:renegotiate/1} (TLS 1.2). */
    public void renegotiate(long timeoutMillis) throws InetException {
        conn();
        tls.renegotiate(timeoutMillis);
    }

    /** {@code ssl:update_keys(S, read_write)} (TLS 1.3). */
    public void updateKeys() throws InetException {
        conn();
        tls.updateKeys();
    }

    /** Whether the peer ended the transport without a TLS close_notify (a truncation attack or a crash). */
    public boolean truncated() {
        return tls.truncated();
    }

    /**
     * {@code ssl:close(S, {NewController, Timeout})}: ends TLS with a close_notify exchange and hands
     * the TCP connection, passive, to {@code newController}. The socket must be passive.
     */
    TcpSocket downgrade(Pid newController, long timeoutMillis) throws InetException {
        Conn c = conn();
        ProcessCore target = ProcessCore.of(newController);
        if (!target.isAlive()) {
            throw new InetException(InetError.BADARG, newController + " is not a live process", null);
        }
        Detached plain = c.detach();
        TlsWire.Downgrade d = tls.downgrade(timeoutMillis);
        Bytes pending = plain.buffered().concat(d.leftover());
        Settings passive = plain.settings().with(new Option.Active(ActiveMode.FALSE, 0));
        return TcpSockets.open(PrefixedWire.of(d.wire(), pending), kernel, passive, target);
    }

    // ---------------------------------------------------------------- InetSocket

    @Override
    public void send(Bytes data) throws InetException {
        conn().send(data);
    }

    /**
     * {@inheritDoc}
     *
     * <p>After the stream ended (the peer closed, or a framing error such as {@code emsgsize}
     * closed the socket) every later recv is {@code closed}, as in Erlang's ssl, where gen_tcp
     * says {@code enotconn}.
     */
    @Override
    public Object recv(int length, long timeoutMillis) throws InetException {
        try {
            return conn().recv(length, timeoutMillis);
        } catch (InetException e) {
            if (e.reason() == dev.otpnet.inet.Posix.ENOTCONN) {
                throw new InetException(InetError.CLOSED, "the TLS connection has ended", e);
            }
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        Conn c = conn;
        if (c != null) {
            c.close();
            return;
        }
        if (!closedEarly) {
            closedEarly = true;
            early.release();
            tls.close();
        }
    }

    @Override
    public boolean isOpen() {
        Conn c = conn;
        return c != null ? c.isOpen() : !closedEarly;
    }

    @Override
    public void shutdown(ShutdownHow how) throws InetException {
        conn().shutdown(how);
    }

    @Override
    public void controllingProcess(Pid pid) throws InetException {
        synchronized (this) {
            if (conn == null) {
                if (closedEarly) {
                    throw new InetException(InetError.CLOSED);
                }
                early.transfer(pid, (from, to) -> { });
                return;
            }
        }
        conn.controllingProcess(pid);
    }

    @Override
    public synchronized Pid owner() {
        Conn c = conn;
        return c != null ? c.owner() : early.pid();
    }

    @Override
    public void setopts(List<? extends Option> options) throws InetException {
        conn().setopts(options);
    }

    @Override
    public List<Option> getopts(List<OptionName> names) throws InetException {
        return conn().getopts(names);
    }

    @Override
    public InetSocketAddress peername() throws InetException {
        try {
            return (InetSocketAddress) tls.remoteAddress();
        } catch (java.io.IOException e) {
            throw dev.otpnet.internal.wire.Failures.toInet(e);
        }
    }

    @Override
    public InetSocketAddress sockname() throws InetException {
        try {
            return (InetSocketAddress) tls.localAddress();
        } catch (java.io.IOException e) {
            throw dev.otpnet.internal.wire.Failures.toInet(e);
        }
    }

    @Override
    public Stats getstat() throws InetException {
        return conn().getstat();
    }

    @Override
    public String transport() {
        return "ssl";
    }

    @Override
    public String toString() {
        return PortIds.format(id);
    }
}
