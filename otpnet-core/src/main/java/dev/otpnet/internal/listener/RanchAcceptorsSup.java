package dev.otpnet.internal.listener;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.backlog;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.nodelay;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.reuseaddr;
import static dev.otpnet.inet.Options.reuseport;
import static dev.otpnet.inet.Options.sendTimeout;
import static dev.otpnet.inet.Options.sendTimeoutClose;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;
import dev.otpnet.internal.tls.SplitOptions;
import dev.otpnet.internal.tls.TlsConfig;
import dev.otpnet.listener.ListenerSettings;
import dev.otpnet.listener.Transport;
import dev.otpnet.otp.ChildSpec;
import dev.otpnet.otp.Restart;
import dev.otpnet.otp.Shutdown;
import dev.otpnet.otp.Strategy;
import dev.otpnet.otp.SupFlags;
import dev.otpnet.otp.Supervisor;
import dev.otpnet.process.Pid;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpListenSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Ranch's {@code ranch_acceptors_sup}: opens the listen sockets and supervises the acceptors.
 *
 * <p>The listen sockets belong to this supervisor's process, so they close when it stops: that is
 * how {@code suspend} stops accepting (the supervisor above terminates this child) and how
 * {@code resume} starts again (it restarts this child, which listens again on the port the first
 * listen fixed, kept in the listener's state). With {@code num_listen_sockets} above one, every
 * socket is opened with {@code SO_REUSEPORT} on that port and the acceptors are spread over them.
 *
 * <p>Options: the user's, on top of Ranch's defaults ({@code {backlog,1024}}, {@code {nodelay,true}},
 * {@code {send_timeout,30000}}, {@code {send_timeout_close,true}}, {@code {reuseaddr,true}}), and
 * always binary, passive and raw, as Ranch hands sockets over.
 */
final class RanchAcceptorsSup {
    static final String ID = "ranch_acceptors_sup";

    private RanchAcceptorsSup() {
    }

    static Pid startLink(ListenerState st) throws InetException, dev.otpnet.otp.OtpException {
        ListenerSettings s = st.settings;
        if (st.transport instanceof Transport.Ssl(var sslOptions)) {
            // ranch_ssl:listen is ssl:listen, which checks every ssl option and the key against the
            // certificate before it listens. Our listen socket is TCP and each connection runs its
            // own handshake, so check here: a bad certificate fails start_listener (and resume),
            // not every client's handshake later.
            try {
                TlsConfig.server(SplitOptions.of(sslOptions).ssl());
            } catch (InetException e) {
                st.listenError = e;
                throw e;
            }
        }
        List<TcpListenSocket> sockets = new ArrayList<>();
        // A port given in the settings (set_transport_options may change it) wins; with 0 the port
        // the first listen picked is kept, so a resume listens where clients already connect.
        int port = s.port() != 0 ? s.port() : st.port;
        try {
            for (int i = 0; i < s.numListenSockets(); i++) {
                TcpListenSocket ls = GenTcp.listen(port, options(s));
                sockets.add(ls);
                if (i == 0) {
                    port = ls.port();
                    st.port = port;
                    st.ip = ls.sockname().getAddress();
                }
                postListen(s, ls);
            }
        } catch (InetException e) {
            sockets.forEach(TcpListenSocket::close);
            st.listenError = e;
            throw e;
        }
        st.listenError = null;
        List<ChildSpec> acceptors = new ArrayList<>();
        for (int i = 0; i < s.numAcceptors(); i++) {
            TcpListenSocket ls = sockets.get(i % sockets.size());
            acceptors.add(ChildSpec.worker(List.of("acceptor", i), extra -> RanchAcceptor.startLink(st, ls))
                    .withShutdown(Shutdown.BRUTAL_KILL).withRestart(Restart.PERMANENT));
        }
        Pid sup;
        try {
            sup = Supervisor.startLink(SupFlags.of(Strategy.ONE_FOR_ONE).withIntensity(1)
                    .withPeriod(Duration.ofSeconds(5)), acceptors);
            for (TcpListenSocket ls : sockets) {
                ls.controllingProcess(sup);
            }
        } catch (InetException | dev.otpnet.otp.OtpException | RuntimeException e) {
            sockets.forEach(TcpListenSocket::close);
            throw e;
        }
        st.listenSockets = List.copyOf(sockets);
        ListenerState.LOG.log(System.Logger.Level.INFO, () -> "listener " + st.name + " accepting " + st.transport.name()
                + " on " + dev.otpnet.inet.Inet.ntoa(st.ip) + ":" + st.port + " with " + s.numAcceptors()
                + " acceptors, max_connections " + (s.maxConnections() == ListenerSettings.INFINITY ? "infinity"
                : st.permits.max()));
        st.acceptorsSup = sup;
        return sup;
    }

    /** Ranch 2.1's {@code post_listen_callback}; its failure is the listener's start error. */
    private static void postListen(ListenerSettings s, TcpListenSocket ls) throws InetException {
        try {
            s.postListenCallback().afterListen(ls);
        } catch (InetException e) {
            throw e;
        } catch (Exception e) {
            throw new InetException(new dev.otpnet.inet.Reason.Tagged("post_listen_callback", String.valueOf(
                    e.getMessage())), "the post-listen callback failed: " + e, e);
        }
    }

    private static List<Option> options(ListenerSettings s) {
        Set<OptionName> given = EnumSet.noneOf(OptionName.class);
        s.socketOptions().forEach(o -> given.add(o.name()));
        List<Option> out = new ArrayList<>();
        addDefault(out, given, backlog(1024));
        addDefault(out, given, nodelay(true));
        addDefault(out, given, sendTimeout(30_000));
        addDefault(out, given, sendTimeoutClose(true));
        addDefault(out, given, reuseaddr(true));
        out.addAll(s.socketOptions());
        if (s.numListenSockets() > 1) {
            out.add(reuseport(true));
        }
        out.add(binary());
        out.add(active(false));
        out.add(packet(0));
        return out;
    }

    private static void addDefault(List<Option> out, Set<OptionName> given, Option o) {
        if (!given.contains(o.name())) {
            out.add(o);
        }
    }
}
