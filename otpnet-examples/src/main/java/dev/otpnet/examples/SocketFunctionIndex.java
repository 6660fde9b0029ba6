package dev.otpnet.examples;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.ShutdownHow;
import dev.otpnet.process.Proc;
import dev.otpnet.socket.Domain;
import dev.otpnet.socket.Linger;
import dev.otpnet.socket.Protocol;
import dev.otpnet.socket.Received;
import dev.otpnet.socket.SockAddr;
import dev.otpnet.socket.SockOpt;
import dev.otpnet.socket.Socket;
import dev.otpnet.socket.Sockets;
import dev.otpnet.socket.Type;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code socket} reference's function index, every entry called once, in Java, on 127.0.0.1:
 * {@code accept/1,2}, {@code bind/2}, {@code close/1}, {@code connect/2}, {@code getopt/2},
 * {@code listen/1,2}, {@code open/3}, {@code peername/1}, {@code recv/1,2,3},
 * {@code recvfrom/1,2,3}, {@code send/2}, {@code sendto/3}, {@code setopt/3}, {@code shutdown/2},
 * {@code sockname/1}. Each call prints as the Erlang shell would show it:
 *
 * <pre>
 * {ok, ListeningSocket} = socket:open(inet, stream, tcp)
 * ok = socket:bind(ListeningSocket, #{family => inet, addr => loopback, port => 0})
 * ok = socket:setopt(ListeningSocket, {socket, reuseaddr}, true)
 * ok = socket:listen(ListeningSocket, 4)
 * {ok, stream} = socket:getopt(ListeningSocket, {socket, type})
 * ...
 * </pre>
 *
 * Run it with {@code bin/example SocketFunctionIndex}.
 */
public final class SocketFunctionIndex {
    private SocketFunctionIndex() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Calls every function of the index, printing each call and its result to {@code out}. */
    public static void run(PrintStream out) throws InetException, java.util.concurrent.ExecutionException,
            InterruptedException, java.util.concurrent.TimeoutException {
        // open/3, bind/2, setopt/3, listen/2, getopt/2, sockname/1
        Socket listening = Sockets.open(Domain.INET, Type.STREAM, Protocol.TCP);
        out.println("{ok, ListeningSocket} = socket:open(inet, stream, tcp)  % " + listening);
        Sockets.setopt(listening, SockOpt.SOCKET_REUSEADDR, true);
        out.println("ok = socket:setopt(ListeningSocket, {socket, reuseaddr}, true)");
        Sockets.bind(listening, SockAddr.In.loopback(0));
        out.println("ok = socket:bind(ListeningSocket, #{family => inet, addr => loopback, port => 0})");
        Sockets.listen(listening, 4);
        out.println("ok = socket:listen(ListeningSocket, 4)");
        out.println("{ok, " + Sockets.getopt(listening, SockOpt.SOCKET_TYPE)
                + "} = socket:getopt(ListeningSocket, {socket, type})");
        SockAddr where = Sockets.sockname(listening);
        out.println("{ok, " + where + "} = socket:sockname(ListeningSocket)");

        // connect/2 in another process; accept/1 here
        CompletableFuture<Socket> client = new CompletableFuture<>();
        Proc.spawn(() -> {
            try {
                Socket c = Sockets.open(Domain.INET, Type.STREAM, Protocol.TCP);
                Sockets.connect(c, where);
                client.complete(c);
                Proc.receive();   // keeps the socket open while main uses it: it is this process's
            } catch (InetException e) {
                client.completeExceptionally(e);
            }
        });
        Socket connected = Sockets.accept(listening);
        out.println("{ok, ConnectedSocket} = socket:accept(ListeningSocket)");
        Socket c = client.get(10, TimeUnit.SECONDS);
        out.println("ok = socket:connect(Socket, " + where + ")");
        out.println("{ok, " + Sockets.peername(connected) + "} = socket:peername(ConnectedSocket)");

        // send/2; recv/1, recv/2, recv/3
        Sockets.send(c, Bytes.latin1("hello"));
        out.println("ok = socket:send(Socket, <<\"hello\">>)");
        out.println("{ok, " + Sockets.recv(connected, 5) + "} = socket:recv(ConnectedSocket, 5)");
        Sockets.send(c, Bytes.latin1("world"));
        out.println("{ok, " + Sockets.recv(connected) + "} = socket:recv(ConnectedSocket)");
        try {
            Sockets.recv(connected, 1, 100);
        } catch (InetException e) {
            out.println("{error, " + e.reason() + "} = socket:recv(ConnectedSocket, 1, 100)");
        }

        // recvfrom/1,2,3 on the stream, then on UDP with sendto/3
        Sockets.send(c, Bytes.latin1("from"));
        Received r = Sockets.recvfrom(connected, 4);
        out.println("{ok, " + r + "} = socket:recvfrom(ConnectedSocket, 4)");
        Socket udpA = Sockets.open(Domain.INET, Type.DGRAM, Protocol.UDP);
        Socket udpB = Sockets.open(Domain.INET, Type.DGRAM, Protocol.UDP);
        Sockets.bind(udpA, SockAddr.In.loopback(0));
        Sockets.bind(udpB, SockAddr.In.loopback(0));
        SockAddr dest = Sockets.sockname(udpB);
        Sockets.sendto(udpA, Bytes.latin1("datagram"), dest);
        out.println("ok = socket:sendto(UdpA, <<\"datagram\">>, " + dest + ")");
        out.println("{ok, " + Sockets.recvfrom(udpB) + "} = socket:recvfrom(UdpB)");
        Sockets.sendto(udpA, Bytes.latin1("truncated"), dest);
        out.println("{ok, " + Sockets.recvfrom(udpB, 5, 1000) + "} = socket:recvfrom(UdpB, 5, 1000)");

        // setopt linger, shutdown/2, close/1; listen/1 and accept/2 on a second socket
        Sockets.setopt(connected, SockOpt.SOCKET_LINGER, new Linger(true, 0));
        out.println("ok = socket:setopt(ConnectedSocket, {socket, linger}, #{onoff => true, linger => 0})");
        Sockets.shutdown(c, ShutdownHow.READ_WRITE);
        out.println("ok = socket:shutdown(Socket, read_write)");
        Socket second = Sockets.open(Domain.INET, Type.STREAM, Protocol.TCP);
        Sockets.bind(second, SockAddr.In.loopback(0));
        Sockets.listen(second);
        out.println("ok = socket:listen(Second)");
        try {
            Sockets.accept(second, 50);
        } catch (InetException e) {
            if (e.reason() != InetError.TIMEOUT) {
                throw e;
            }
            out.println("{error, timeout} = socket:accept(Second, 50)");
        }
        for (Socket s : new Socket[] {connected, c, udpA, udpB, second, listening}) {
            Sockets.close(s);
        }
        out.println("ok = socket:close(ConnectedSocket)  % and the others");
    }
}
