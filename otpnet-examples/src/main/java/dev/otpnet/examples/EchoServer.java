package dev.otpnet.examples;

import static dev.otpnet.inet.Options.ONCE;
import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.backlog;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.reuseaddr;
import static java.lang.System.Logger.Level.WARNING;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpListenSocket;
import dev.otpnet.tcp.TcpSocket;
import java.util.List;

/**
 * The README's quick start (the README shows this file from the class line down, and a test keeps
 * the two the same): an echo server with one process per connection, {@code {active, once}} flow
 * control and {@code {packet, 4}} framing, written as a careful Erlang programmer writes one.
 *
 * <ul>
 *   <li>The listen socket is passive, so an accepted socket delivers nothing until its handler
 *       owns it: no message, not even {@code tcp_closed}, can land in the acceptor's mailbox.
 *   <li>The acceptor hands the socket over, then tells the handler it may start (Ranch's
 *       {@code shoot}); the handler sets {@code {active, once}} itself. If the hand-over fails,
 *       the socket is closed and the handler killed: nothing is left waiting.
 *   <li>An accept error other than {@code closed} ({@code emfile} when the process is out of file
 *       descriptors, say) is logged and retried after 100 ms, as Ranch's acceptors do; the server
 *       stops only when its listen socket is closed.
 *   <li>A handler ends when its client leaves; its socket closes with it.
 *   <li>The backlog is 1024, Ranch's default: with gen_tcp's default of 5, a burst of clients
 *       overflows it and waits a second or more for the kernel to retry the connection.
 * </ul>
 */
public final class EchoServer {
    private static final System.Logger LOG = System.getLogger(EchoServer.class.getName());

    private EchoServer() {
    }

    public static void main(String[] args) throws InetException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7000;
        TcpListenSocket l = GenTcp.listen(port,
                List.of(binary(), packet(4), active(false), reuseaddr(true), backlog(1024), ip("127.0.0.1")));
        System.out.println("echo server on 127.0.0.1:" + l.port() + " ({packet,4})");
        serve(l);
    }

    /** Accepts until the listen socket closes, handing each connection to a process of its own. */
    public static void serve(TcpListenSocket l) {
        while (true) {
            TcpSocket s;
            try {
                s = l.accept();
            } catch (InetException e) {
                if (e.reason() == InetError.CLOSED) {
                    return; // the listen socket was closed: the server stops
                }
                LOG.log(WARNING, "accept failed: {0} ({1}); trying again in 100 ms", e.reason(), e.getMessage());
                Proc.receive(m -> false, 100); // receive after 100 -> ok end
                continue;
            }
            Pid handler = Proc.spawn(() -> echo(Proc.receive(TcpSocket.class)));
            try {
                s.controllingProcess(handler); // the handler now gets {tcp, S, Data} and {tcp_closed, S}
                handler.send(s); // and may start
            } catch (InetException e) {
                s.close();
                Proc.exit(handler, ExitReason.KILL);
            }
        }
    }

    /** One client's process: echoes each packet, one at a time; ends (closing the socket) when the client leaves. */
    private static void echo(TcpSocket s) {
        try {
            s.setopts(List.of(active(ONCE)));
            while (Proc.receive() instanceof SocketMessage.Data(var _, Bytes data)) {
                s.send(data);
                s.setopts(List.of(active(ONCE)));
            }
        } catch (InetException e) {
            // the client went away in the middle of an echo
        }
    }
}
