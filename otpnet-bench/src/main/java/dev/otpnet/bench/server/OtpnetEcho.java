package dev.otpnet.bench.server;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.backlog;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.nodelay;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.reuseaddr;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.AnyOption;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslListenSocket;
import dev.otpnet.ssl.SslOptions;
import dev.otpnet.ssl.SslSocket;
import dev.otpnet.ssl.TlsEngineKind;
import dev.otpnet.ssl.TlsVersion;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpListenSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code {packet, 4}} echo server as an otpnet user writes it: gen_tcp or ssl, a process per
 * connection that owns its socket, {@code {active, once}} flow control. The acceptor listens passive
 * and hands each socket over before the handler turns it active (so no message lands in the
 * acceptor's mailbox); the TLS handshake runs in the connection's process.
 */
public final class OtpnetEcho {
    private static final long HANDSHAKE_TIMEOUT_MS = 10_000;

    private OtpnetEcho() {
    }

    /** The message that tells a handler its socket is now its own. */
    private record Go() {
    }

    public static void main(String[] args) throws Exception {
        ServerArgs a = ServerArgs.parse(args);
        List<AnyOption> options = new ArrayList<>(List.of(binary(), packet(4), active(false), reuseaddr(true),
                nodelay(true), backlog(4096), ip("127.0.0.1")));
        if (a.tls()) {
            options.addAll(List.of(SslOptions.certfile(a.certfile()), SslOptions.keyfile(a.keyfile()),
                    SslOptions.versions(TlsVersion.TLSV1_3, TlsVersion.TLSV1_2)));
            if (a.engine().equals("openssl")) {
                options.add(SslOptions.engine(TlsEngineKind.BORINGSSL));
            }
            SslListenSocket l = Ssl.listen(a.port(), options);
            ServerArgs.announce(l.port());
            while (true) {
                SslSocket s;
                try {
                    s = Ssl.transportAccept(l);
                } catch (InetException e) {
                    backOff(e);
                    continue;
                }
                handOver(s, Proc.spawn(() -> tlsHandler(s)));
            }
        }
        TcpListenSocket l = GenTcp.listen(a.port(), options.stream().map(o -> (dev.otpnet.inet.Option) o).toList());
        ServerArgs.announce(l.port());
        while (true) {
            InetSocket s;
            try {
                s = l.accept();
            } catch (InetException e) {
                backOff(e);
                continue;
            }
            handOver(s, Proc.spawn(() -> {
                Proc.receive(Go.class);
                echo(s);
            }));
        }
    }

    private static void handOver(InetSocket s, Pid handler) {
        try {
            s.controllingProcess(handler);
            Proc.send(handler, new Go());
        } catch (InetException e) {
            s.close();
            Proc.exit(handler, ExitReason.KILL);
        }
    }

    private static void backOff(InetException e) throws InterruptedException {
        System.err.println("accept failed: " + e.reason() + "; retrying in 100 ms");
        Thread.sleep(100);
    }

    private static void tlsHandler(SslSocket s) {
        Proc.receive(Go.class);
        try {
            Ssl.handshake(s, HANDSHAKE_TIMEOUT_MS);
        } catch (InetException e) {
            s.close();
            return;
        }
        echo(s);
    }

    private static void echo(InetSocket s) {
        try {
            s.setopts(List.of(active(ActiveMode.ONCE)));
            while (true) {
                switch (Proc.receive()) {
                    case SocketMessage.Data(var sock, Bytes data) when sock == s -> {
                        s.send(data);
                        s.setopts(List.of(active(ActiveMode.ONCE)));
                    }
                    case SocketMessage.Closed(var sock) when sock == s -> {
                        return;
                    }
                    case SocketMessage.Error(var sock, var reason) when sock == s -> {
                        return;
                    }
                    default -> {
                    }
                }
            }
        } catch (InetException e) {
            s.close();
        }
    }
}
