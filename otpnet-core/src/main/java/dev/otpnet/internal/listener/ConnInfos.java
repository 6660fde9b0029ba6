package dev.otpnet.internal.listener;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.Stats;
import dev.otpnet.listener.ListenerInfo;
import dev.otpnet.listener.ListenerInfo.Stage;
import dev.otpnet.listener.ProxyHeader;
import dev.otpnet.ssl.ConnectionInfo;
import dev.otpnet.ssl.SslSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds {@link ListenerInfo}: the listener's numbers and, per connection, getstat and the TLS facts. */
final class ConnInfos {
    private ConnInfos() {
    }

    static ListenerInfo info(ListenerState st) {
        List<ListenerInfo.Conn> conns = new ArrayList<>();
        for (ConnRecord r : st.conns.values()) {
            conns.add(conn(r));
        }
        var s = st.settings;
        return new ListenerInfo(st.name, st.status, st.transport.name(), st.ip, st.port, st.listenerSup,
                s.numAcceptors(), s.numListenSockets(), st.permits.max(), st.activeConnections(), st.conns.size(),
                st.permits.inUse(), st.backoff.episodes(), conns);
    }

    private static ListenerInfo.Conn conn(ConnRecord r) {
        InetSocket sock = r.socket;
        long in = 0;
        long out = 0;
        try {
            Stats stats = sock.getstat();
            in = stats.recvOct();
            out = stats.sendOct();
        } catch (InetException closed) {
            Stats last = r.last;
            if (last != null) {
                in = last.recvOct();
                out = last.sendOct();
            }
        }
        Optional<String> version = Optional.empty();
        Optional<String> cipher = Optional.empty();
        Optional<String> sni = Optional.empty();
        Optional<String> alpn = Optional.empty();
        if (r.stage == Stage.RUNNING && sock instanceof SslSocket ssl) {
            try {
                ConnectionInfo i = ssl.connectionInformation();
                version = Optional.of(i.protocol().jsseName());
                cipher = Optional.of(i.cipherSuite().ianaName());
                sni = i.sni();
                alpn = i.negotiatedProtocol();
            } catch (InetException closed) {
                // ending; report what getstat gave
            }
        }
        ProxyHeader h = r.proxy;
        return new ListenerInfo.Conn(r.pid, r.peer, h == null ? Optional.empty() : h.source(), r.stage, r.removed,
                in, out, version, cipher, sni, alpn);
    }
}
