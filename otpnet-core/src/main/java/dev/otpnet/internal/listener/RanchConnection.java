package dev.otpnet.internal.listener;

import dev.otpnet.inet.Inet;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.listener.Connection;
import dev.otpnet.listener.ListenerInfo.Stage;
import dev.otpnet.listener.ListenerSettings;
import dev.otpnet.listener.ProxyHeader;
import dev.otpnet.listener.Transport;
import dev.otpnet.process.Proc;
import dev.otpnet.ssl.ClientHello;
import dev.otpnet.ssl.ConnectionInfo;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslSocket;
import dev.otpnet.tcp.TcpSocket;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The body of a connection process: Ranch's {@code ranch:handshake/1} and then the protocol.
 *
 * <p>It waits for its socket from the connection supervisor, reads the PROXY header when the
 * listener is set to, runs the TLS server handshake for an ssl listener (in this process, so a slow
 * client holds only itself, and within the handshake time-out), then calls the handler; with
 * {@code {handshake, hello}} in the ssl options the handshake pauses after the ClientHello and the
 * handler continues or cancels it ({@link RanchHello}). A bad
 * header or a failed handshake is logged (at {@code INFO}: it is the client's fault, not ours),
 * sent to JFR, and ends the process normally; its permit comes back when the supervisor sees it go.
 */
final class RanchConnection {
    private RanchConnection() {
    }

    static void run(ListenerState st) throws Exception {
        RanchConnsSup.Shoot shoot = Proc.receive(RanchConnsSup.Shoot.class);
        ConnRecord rec = st.conns.get(Proc.self());
        TcpSocket tcp = shoot.socket();
        ListenerSettings settings = st.settings;
        Object options = st.protocolOptions; // Ranch's Opts, as start_link got them: later changes are not ours
        String peer = peer(tcp);
        if (rec != null) {
            rec.peer = peer;
        }
        InetSocket socket = tcp;
        try {
            Optional<ProxyHeader> proxy = Optional.empty();
            if (settings.proxyHeader()) {
                stage(rec, Stage.PROXY_HEADER);
                try {
                    ProxyHeader h = ProxyReader.read(tcp, settings.proxyHeaderTimeout(), settings.proxyHeaderMaxSize());
                    proxy = Optional.of(h);
                    if (rec != null) {
                        rec.proxy = h;
                    }
                } catch (InetException e) {
                    refused(st, peer, "proxy_header", e);
                    return;
                }
            }
            Optional<ClientHello> hello = Optional.empty();
            if (st.transport instanceof Transport.Ssl(var sslOptions)) {
                stage(rec, Stage.HANDSHAKE);
                try {
                    Ssl.Upgraded u = Ssl.upgrade(tcp, sslOptions, settings.handshakeTimeout());
                    socket = u.socket();
                    hello = u.hello();
                } catch (InetException e) {
                    refused(st, peer, "tls_handshake", e);
                    return;
                }
                if (rec != null) {
                    rec.socket = socket;
                }
            }
            if (hello.isPresent()) {
                stage(rec, Stage.HELLO); // the handler continues or cancels (RanchHello)
            } else {
                stage(rec, Stage.RUNNING);
                done(st, peer, proxy, socket);
            }
            st.handler.serve(new Connection(st.name, socket, proxy, hello), options);
        } finally {
            if (rec != null) {
                try {
                    rec.last = socket.getstat();
                } catch (InetException closed) {
                    // counters are gone with the socket; the end event says 0
                }
            }
            socket.close();
        }
    }

    private static void stage(ConnRecord rec, Stage s) {
        if (rec != null) {
            rec.stage = s;
        }
    }

    static String peer(TcpSocket tcp) {
        try {
            InetSocketAddress a = tcp.peername();
            return Inet.ntoa(a.getAddress()) + ":" + a.getPort();
        } catch (InetException e) {
            return "undefined";
        }
    }

    static void refused(ListenerState st, String peer, String stage, InetException e) {
        ListenerState.LOG.log(Level.INFO, () -> "listener " + st.name + ": connection from " + peer + " closed in "
                + stage + ": " + e.reason());
        ListenerEvents.handshakeFailed(st.name, peer, stage, e.reason().toString());
    }

    static void done(ListenerState st, String peer, Optional<ProxyHeader> proxy, InetSocket socket) {
        String client = proxy.flatMap(ProxyHeader::source)
                .map(a -> Inet.ntoa(a.getAddress()) + ":" + a.getPort()).orElse(null);
        String version = null;
        String cipher = null;
        String sni = null;
        String alpn = null;
        if (socket instanceof SslSocket s) {
            try {
                ConnectionInfo i = s.connectionInformation();
                version = i.protocol().jsseName();
                cipher = i.cipherSuite().ianaName();
                sni = i.sniHostname();
                alpn = i.alpn();
            } catch (InetException e) {
                // closed right after the handshake; the handler will see it
            }
        }
        ListenerEvents.handshakeDone(st.name, peer, client, version, cipher, sni, alpn);
    }
}
