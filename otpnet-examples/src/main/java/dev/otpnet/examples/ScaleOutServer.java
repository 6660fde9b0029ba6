package dev.otpnet.examples;

import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.listener.Connection;
import dev.otpnet.listener.Listener;
import dev.otpnet.listener.ListenerSettings;
import dev.otpnet.listener.ProxyHeader;
import dev.otpnet.listener.Transport;
import dev.otpnet.packet.PacketType;
import dev.otpnet.process.ExitReason;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One instance of a service behind HAProxy with {@code send-proxy-v2}: the scale-out walk-through
 * that {@code scripts/listener-scale-out} runs twice.
 *
 * <p>Every connection starts with a PROXY v2 header. A relayed client gets a line protocol: each
 * line comes back as {@code "<instance> <client ip>:<port> <line>"}, so the client sees which
 * instance served it and that the instance saw its real address. A {@code LOCAL} header is
 * HAProxy's own health check ({@code option tcp-check} with {@code check-send-proxy}): it is
 * answered {@code up} or, once told to drain, {@code down}.
 *
 * <p>Commands on stdin: {@code down} (fail health checks from now on), {@code drain MS}
 * ({@link Listener#drain}: stop accepting, let live connections finish within MS), {@code quit}.
 * The graceful order is the script's: {@code down}, wait until HAProxy shows the server DOWN (so no
 * new connection is on its way here), then {@code drain}.
 *
 * <pre>bin/example ScaleOutServer NAME PORT</pre>
 */
public final class ScaleOutServer {
    private static volatile boolean healthy = true;

    private ScaleOutServer() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "a";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Listener.start(name, Transport.tcp(), ListenerSettings.DEFAULT.withPort(port).withProxyHeader(true)
                .withSocketOptions(List.of(ip("127.0.0.1"))), conn -> serve(name, conn));
        say("LISTENING " + Listener.port(name));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            String[] cmd = line.trim().split(" ");
            switch (cmd[0]) {
                case "down" -> {
                    healthy = false;
                    say("DOWN");
                }
                case "drain" -> {
                    Listener.DrainResult r = Listener.drain(name, Long.parseLong(cmd[1]), ExitReason.SHUTDOWN);
                    say("DRAINED finished=" + r.finished() + " closed=" + r.closed());
                }
                case "quit" -> {
                    Listener.stop(name);
                    say("BYE");
                    System.exit(0);
                }
                default -> say("ERR " + line);
            }
        }
    }

    private static void serve(String name, Connection conn) throws InetException {
        InetSocket s = conn.socket();
        if (conn.proxy().map(h -> h.command() == ProxyHeader.Command.LOCAL).orElse(false)) {
            s.send(Bytes.latin1(healthy ? "up\n" : "down\n"));
            return;
        }
        InetSocketAddress client = conn.client();
        String who = name + " " + client.getAddress().getHostAddress() + ":" + client.getPort() + " ";
        s.setopts(List.of(packet(PacketType.LINE)));
        while (true) {
            Bytes line;
            try {
                line = (Bytes) s.recv(0);
            } catch (InetException closed) {
                return;
            }
            s.send(Bytes.latin1(who).concat(line));
        }
    }

    private static void say(String s) {
        System.out.println(s);
        System.out.flush();
    }
}
