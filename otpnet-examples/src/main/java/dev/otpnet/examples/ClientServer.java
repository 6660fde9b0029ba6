package dev.otpnet.examples;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpListenSocket;
import dev.otpnet.tcp.TcpSocket;
import java.util.List;

/**
 * The gen_tcp manual's first example: a client that sends a binary and closes, and a server that
 * accepts it and reads until the peer closes.
 *
 * <pre>
 * client() ->
 *     {ok, Sock} = gen_tcp:connect("localhost", 5678, [binary, {packet, 0}]),
 *     ok = gen_tcp:send(Sock, "Some Data"),
 *     ok = gen_tcp:close(Sock).
 *
 * server() ->
 *     {ok, LSock} = gen_tcp:listen(5678, [binary, {packet, 0}, {active, false}]),
 *     {ok, Sock} = gen_tcp:accept(LSock),
 *     {ok, Bin} = do_recv(Sock, []),
 *     ok = gen_tcp:close(Sock),
 *     ok = gen_tcp:close(LSock),
 *     Bin.
 * </pre>
 */
public final class ClientServer {
    private ClientServer() {
    }

    public static void client(int port) throws InetException {
        TcpSocket sock = GenTcp.connect("localhost", port, List.of(binary(), packet(0)));
        try {
            GenTcp.send(sock, "Some Data");
        } finally {
            // In Erlang a failed send crashes the process and the socket closes with it; a Java
            // caller lives on after the exception, so close it on the way out either way.
            GenTcp.close(sock);
        }
    }

    /** Listens on {@code lsock} (already open so the caller knows the port), serves one client. */
    public static Bytes server(TcpListenSocket lsock) throws InetException {
        TcpSocket sock = GenTcp.accept(lsock);
        Bytes bin = doRecv(sock, Bytes.EMPTY);
        GenTcp.close(sock);
        GenTcp.close(lsock);
        return bin;
    }

    private static Bytes doRecv(TcpSocket sock, Bytes bs) throws InetException {
        while (true) {
            try {
                bs = bs.concat((Bytes) GenTcp.recv(sock, 0));
            } catch (InetException e) {
                if (e.reason() == InetError.CLOSED) {
                    return bs;
                }
                throw e;
            }
        }
    }

    /** Runs the server in a process and the client in this one; prints what the server received. */
    public static void main(String[] args) throws Exception {
        TcpListenSocket lsock = GenTcp.listen(0, List.of(binary(), packet(0), active(false), ip("127.0.0.1")));
        Pid self = Proc.self();
        Pid server = Proc.spawn(() -> {
            try {
                self.send(server(lsock));
            } catch (InetException e) {
                self.send(e);
            }
        });
        lsock.controllingProcess(server);
        client(lsock.port());
        Object got = Proc.receive(Object.class, 10_000).orElse("nothing within 10 s");
        System.out.println("server received " + got);
    }
}
