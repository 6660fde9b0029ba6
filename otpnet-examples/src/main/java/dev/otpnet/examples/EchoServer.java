package dev.otpnet.examples;

import static dev.otpnet.inet.Options.ONCE;
import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.reuseaddr;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Proc;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpListenSocket;
import dev.otpnet.tcp.TcpSocket;
import java.util.List;

/**
 * The README's quick start: an echo server with one process per connection, {@code {active, once}}
 * flow control and {@code {packet, 4}} framing.
 */
public final class EchoServer {
    private EchoServer() {
    }

    /** Accepts until the listen socket closes, handing each connection to its own process. */
    public static void serve(TcpListenSocket l) {
        while (true) {
            TcpSocket s;
            try {
                s = l.accept();
            } catch (InetException e) {
                return;
            }
            var handler = Proc.spawn(() -> {
                while (Proc.receive() instanceof SocketMessage.Data(var sock, Bytes data)) {
                    try {
                        sock.send(data);
                        sock.setopts(List.of(active(ONCE)));
                    } catch (InetException e) {
                        return;
                    }
                }
            });
            try {
                s.controllingProcess(handler); // the handler now gets {tcp, S, Data} and {tcp_closed, S}
            } catch (InetException e) {
                s.close();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7000;
        TcpListenSocket l = GenTcp.listen(port,
                List.of(binary(), packet(4), active(ONCE), reuseaddr(true), ip("127.0.0.1")));
        System.out.println("echo server on 127.0.0.1:" + l.port() + " ({packet,4})");
        serve(l);
    }
}
