package dev.otpnet.internal.listener;

import dev.otpnet.inet.InetException;
import dev.otpnet.listener.Connection;
import dev.otpnet.listener.ListenerInfo.Stage;
import dev.otpnet.process.Proc;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.SslSocket;
import java.util.List;

/**
 * Ranch's {@code {handshake, hello}} flow: {@code ranch:handshake_continue/1,2} and
 * {@code ranch:handshake_cancel/1}, called by a connection's handler on the {@link Connection} it
 * got while its TLS handshake is paused after the ClientHello. Both run in the connection process,
 * which owns the socket; continuing takes the listener's handshake time-out and, once done, the
 * connection is {@code RUNNING} with its handshake recorded as any other.
 */
public final class RanchHello {
    private RanchHello() {
    }

    /** {@code ranch:handshake_continue/2}. */
    public static SslSocket proceed(Connection c, List<SslOption> extra) throws InetException {
        SslSocket s = paused(c);
        ListenerState st = RanchServer.get(c.listener());
        ConnRecord rec = st.conns.get(Proc.self());
        String peer = rec == null ? "undefined" : rec.peer;
        stage(rec, Stage.HANDSHAKE);
        try {
            Ssl.handshakeContinue(s, extra, st.settings.handshakeTimeout());
        } catch (InetException e) {
            RanchConnection.refused(st, peer, "tls_handshake", e);
            throw e;
        }
        stage(rec, Stage.RUNNING);
        RanchConnection.done(st, peer, c.proxy(), s);
        return s;
    }

    /** {@code ranch:handshake_cancel/1}. */
    public static void cancel(Connection c) {
        SslSocket s = paused(c);
        Ssl.handshakeCancel(s);
        ListenerState st = RanchServer.get(c.listener());
        ConnRecord rec = st.conns.get(Proc.self());
        ListenerEvents.handshakeFailed(st.name, rec == null ? "undefined" : rec.peer, "tls_hello", "user_canceled");
    }

    private static SslSocket paused(Connection c) {
        if (c.hello().isEmpty() || !(c.socket() instanceof SslSocket s)) {
            throw new IllegalStateException("No TLS handshake is paused on this connection: its listener's ssl "
                    + "options need handshake(HELLO)");
        }
        return s;
    }

    private static void stage(ConnRecord rec, Stage s) {
        if (rec != null) {
            rec.stage = s;
        }
    }
}
