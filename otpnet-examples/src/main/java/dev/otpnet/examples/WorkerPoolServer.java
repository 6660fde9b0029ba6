package dev.otpnet.examples;

import static dev.otpnet.inet.Options.ONCE;
import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;

import static java.lang.System.Logger.Level.WARNING;

import dev.otpnet.inet.Inet;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Proc;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpListenSocket;
import dev.otpnet.tcp.TcpSocket;
import java.util.List;
import java.util.Locale;

/**
 * The gen_tcp manual's server "as a number of worker processes doing accept on a single listening
 * socket", with {@code {active, once}} and {@code {packet, 2}}, and its client.
 *
 * <pre>
 * start(Num,LPort) ->
 *     case gen_tcp:listen(LPort,[{active, false},{packet,2}]) of
 *         {ok, ListenSock} ->
 *             start_servers(Num,ListenSock),
 *             {ok, Port} = inet:port(ListenSock),
 *             Port;
 *         {error,Reason} ->
 *             {error,Reason}
 *     end.
 *
 * loop(S) ->
 *     inet:setopts(S,[{active,once}]),
 *     receive
 *         {tcp,S,Data} ->
 *             Answer = process(Data), % Not implemented in this example
 *             gen_tcp:send(S,Answer),
 *             loop(S);
 *         {tcp_closed,S} ->
 *             io:format("Socket ~w closed [~w]~n",[S,self()]),
 *             ok
 *     end.
 * </pre>
 *
 * Here {@code process(Data)} upper-cases the text.
 */
public final class WorkerPoolServer {
    private static final System.Logger LOG = System.getLogger(WorkerPoolServer.class.getName());
    private WorkerPoolServer() {
    }

    /** Starts {@code num} workers accepting on one listen socket; returns it (its port is the server's). */
    public static TcpListenSocket start(int num, int lport) throws InetException {
        TcpListenSocket listenSock = GenTcp.listen(lport, List.of(active(false), packet(2), ip("127.0.0.1")));
        startServers(num, listenSock);
        return listenSock;
    }

    private static void startServers(int num, TcpListenSocket ls) {
        for (int i = 0; i < num; i++) {
            Proc.spawn(() -> server(ls));
        }
    }

    /**
     * One worker: accept, serve that client, accept again. The manual's worker says goodbye on any
     * accept error; here only {@code closed} (the listen socket is gone) ends it, and other errors
     * ({@code emfile} when out of file descriptors, say) are logged and retried after 100 ms, as
     * Ranch's acceptors do, so the pool does not die of a passing shortage.
     */
    private static void server(TcpListenSocket ls) {
        while (true) {
            TcpSocket s;
            try {
                s = GenTcp.accept(ls);
            } catch (InetException e) {
                if (e.reason() == InetError.CLOSED) {
                    System.out.println("accept returned " + e.reason() + " - goodbye!");
                    return;
                }
                LOG.log(WARNING, "accept failed: {0} ({1}); trying again in 100 ms", e.reason(), e.getMessage());
                Proc.receive(m -> false, 100); // receive after 100 -> ok end
                continue;
            }
            try {
                loop(s);
            } finally {
                s.close(); // whatever ended the loop, the worker goes on: the socket must not stay behind
            }
        }
    }

    private static void loop(TcpSocket s) {
        try {
            while (true) {
                Inet.setopts(s, List.of(active(ONCE)));
                switch (Proc.receive(m -> m instanceof SocketMessage sm && sm.socket() == s)) {
                    case SocketMessage.Data(var sock, String data) -> GenTcp.send(s, process(data));
                    case SocketMessage.Closed(var sock) -> {
                        System.out.println("Socket " + s + " closed [" + Proc.self() + "]");
                        return;
                    }
                    default -> {
                        return; // {tcp_error, S, Reason}
                    }
                }
            }
        } catch (InetException e) {
            // the client went away in the middle of an answer
        }
    }

    private static String process(String data) {
        return data.toUpperCase(Locale.ROOT);
    }

    /** The manual's client: connect, send, receive the answer, close. */
    public static Object client(int portNo, String message) throws InetException {
        TcpSocket sock = GenTcp.connect("localhost", portNo, List.of(active(false), packet(2)));
        GenTcp.send(sock, message);
        Object a = GenTcp.recv(sock, 0);
        GenTcp.close(sock);
        return a;
    }

    /**
     * Without arguments, starts four workers on a free port and runs the client three times.
     * {@code serve [port]} serves until killed instead (port 7000 by default, 0 picks one).
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            TcpListenSocket ls = start(4, args.length > 1 ? Integer.parseInt(args[1]) : 7000);
            System.out.println("worker pool listening on 127.0.0.1:" + ls.port() + " ({packet,2}, 4 workers)");
            System.out.flush();
            Thread.currentThread().join(); // main owns the listen socket: it stays alive, and so does the server
            return;
        }
        TcpListenSocket ls = start(4, 0);
        int port = ls.port();
        System.out.println("worker pool listening on 127.0.0.1:" + port);
        for (String m : List.of("hello", "worker", "pool")) {
            System.out.println(m + " -> " + client(port, m));
        }
        ls.close();
    }
}
