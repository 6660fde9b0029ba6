package dev.otpnet.ssl;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetPort;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;
import dev.otpnet.internal.conn.Detached;
import dev.otpnet.internal.conn.KernelOptions;
import dev.otpnet.internal.conn.Settings;
import dev.otpnet.internal.conn.SettingsView;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.internal.tcp.Prepared;
import dev.otpnet.internal.tcp.TcpSockets;
import dev.otpnet.internal.tls.SplitOptions;
import dev.otpnet.internal.tls.TlsConfig;
import dev.otpnet.process.Pid;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpListenSocket;
import dev.otpnet.tcp.TcpSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A listening TLS socket, from {@link Ssl#listen}. Underneath is a gen_tcp listen socket whose
 * connections are plain byte pipes; {@link Ssl#transportAccept} takes one and wraps it in TLS.
 * Accepted sockets inherit this socket's inet options ({@code active}, {@code packet}...).
 *
 * <p>Thread-safe; any process may accept, many at once.
 */
public final class SslListenSocket implements InetPort {
    private final TcpListenSocket tcp;
    private final TlsConfig config;
    private volatile Settings settings;

    SslListenSocket(int port, List<? extends dev.otpnet.inet.AnyOption> options) throws InetException {
        SplitOptions split = SplitOptions.of(options);
        this.config = TlsConfig.server(split.ssl());
        this.settings = Prepared.of(split.inet()).settings();
        this.tcp = GenTcp.listen(port, split.transport());
    }

    /** Accepts a TCP connection for the caller, who must then run {@link Ssl#handshake}. */
    SslSocket transportAccept(long timeoutMillis) throws InetException {
        TcpSocket t = tcp.accept(timeoutMillis);
        Detached d = TcpSockets.conn(t).detach();
        return SslSocket.server(d, settings, config, ProcessCore.current());
    }

    @Override
    public void close() {
        tcp.close();
    }

    @Override
    public boolean isOpen() {
        return tcp.isOpen();
    }

    @Override
    public void controllingProcess(Pid pid) throws InetException {
        tcp.controllingProcess(pid);
    }

    @Override
    public Pid owner() {
        return tcp.owner();
    }

    @Override
    public void setopts(List<? extends Option> options) throws InetException {
        Prepared p = Prepared.forSetopts(settings, options);
        tcp.setopts(p.kernel());
        settings = p.settings();
    }

    @Override
    public List<Option> getopts(List<OptionName> names) throws InetException {
        List<Option> out = new ArrayList<>();
        for (OptionName n : names) {
            KernelOptions.requireSupported(n);
            out.add(n.support() == OptionName.Support.JDK ? tcp.getopts(List.of(n)).getFirst()
                    : SettingsView.read(settings, n));
        }
        return out;
    }

    @Override
    public InetSocketAddress sockname() throws InetException {
        return tcp.sockname();
    }

    @Override
    public String transport() {
        return "ssl";
    }

    @Override
    public String toString() {
        return tcp.toString();
    }
}
