package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.AlertLevel;
import dev.otpnet.ssl.TlsAlert;

import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Refuses a renegotiation a TLS 1.2 client starts when the server disabled it
 * ({@code {client_renegotiation, false}}): before the engine unwraps, it looks at the next
 * record's content type, which TLS 1.2 sends in the clear; a handshake record arriving while the
 * server is not itself renegotiating is the client's new ClientHello.
 *
 * <p>Erlang answers with a warning no_renegotiation alert and carries on. {@code SSLEngine} has no
 * way to send an alert on request, so the connection is ended with close_notify instead, and the
 * reader gets the {@code no_renegotiation} reason.
 */
final class RenegotiationGuard implements EngineIo.InboundGuard {
    private static final System.Logger LOG = System.getLogger(RenegotiationGuard.class.getName());
    private final TlsWire wire;
    private final EngineIo io;

    RenegotiationGuard(TlsWire wire, EngineIo io) {
        this.wire = wire;
        this.io = io;
    }

    @Override
    public void check(ByteBuffer netIn) throws IOException {
        if (TlsRecords.u8(netIn, netIn.position()) != TlsRecords.HANDSHAKE
                || io.engine().getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
                || "TLSv1.3".equals(io.engine().getSession().getProtocol())) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "refusing a client-initiated renegotiation (client_renegotiation is false)");
        try {
            io.closeOutbound(false);
        } finally {
            wire.refusedRenegotiation();
        }
        throw new InetException(TlsAlert.generated(TlsAlert.Side.SERVER, "connection", "RenegotiationGuard",
                AlertLevel.WARNING, AlertDescription.NO_RENEGOTIATION,
                "client_renegotiation_disabled (ended with close_notify: SSLEngine cannot send this alert)"));
    }
}
