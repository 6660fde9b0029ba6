package dev.otpnet.examples.demo;

import dev.otpnet.inet.InetPort;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.otp.Atom;
import dev.otpnet.otp.GenServer;
import dev.otpnet.otp.Init;
import dev.otpnet.otp.OtpException;
import dev.otpnet.otp.Result;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslListenSocket;
import dev.otpnet.ssl.SslSocket;

/**
 * The walk-through's {@code ConnectionHandler}: a GenServer that owns one TLS connection. Its
 * state is first the listen socket, then the accepted socket.
 *
 * <pre>{@code
 * defmodule ConnectionHandler do
 *   use GenServer
 *   def start_link(sock) do
 *     GenServer.start_link(__MODULE__, [sock])
 *   end
 *   def init([sock]) do
 *     {:ok, sock, 0}
 *   end
 *   def handle_info(:timeout, l) do
 *     {:ok, s} = :ssl.transport_accept(l)  # wait for a client to connect to the listen socket
 *     ConnectionHandlerFactory.start_child() # spawn another connection handler
 *     :ok = :ssl.ssl_accept(s)               # complete the handshake
 *     {:noreply, s}
 *   end
 *   def handle_info({:ssl, sslsocket, data}, state) do
 *     :ssl.send(sslsocket, data)
 *     {:noreply, state}
 *   end
 *   def handle_info({:ssl_closed, _sslsocket}, state) do
 *     {:stop, :normal, state}
 *   end
 *   def handle_info({:ssl_error, _sslsocket, _reason}, state) do
 *     {:stop, :normal, state}
 *   end
 * end
 * }</pre>
 *
 * <p>{@code {:ok, sock, 0}} is {@code Init.ok(sock, 0)}: the zero timeout sends {@code timeout}
 * to {@code handleInfo} at once, so {@code start_link} returns before the handler blocks in
 * {@code transport_accept}. A failed accept or handshake throws and crashes the handler, as the
 * Elixir's {@code {:ok, s} =} match does; it is temporary, so nothing restarts it. One departure:
 * the handshake has a time-out, so a client that connects and says nothing does not hold a process
 * for ever.
 */
public final class ConnectionHandler implements GenServer<Void, InetPort> {

    /** How long a client has to complete the handshake. */
    static final long HANDSHAKE_TIMEOUT_MS = 10_000;

    private final SslListenSocket listenSocket;

    private ConnectionHandler(SslListenSocket listenSocket) {
        this.listenSocket = listenSocket;
    }

    public static Pid startLink(SslListenSocket sock) throws OtpException {
        return GenServer.startLink(new ConnectionHandler(sock));
    }

    @Override
    public Init<InetPort> init() {
        return Init.ok(listenSocket, 0);
    }

    @Override
    public Result<InetPort> handleInfo(Object message, InetPort state) throws Exception {
        return switch (message) {
            case Atom.TIMEOUT -> {
                SslSocket s = Ssl.transportAccept((SslListenSocket) state); // wait for a client to connect
                ConnectionHandlerFactory.startChild();                     // spawn another connection handler
                Ssl.handshake(s, HANDSHAKE_TIMEOUT_MS);                     // complete the handshake
                yield GenServer.noreply(s);
            }
            case SocketMessage.Data(SslSocket sslsocket, String data) -> {
                Ssl.send(sslsocket, data);
                yield GenServer.noreply(state);
            }
            case SocketMessage.Closed closed -> GenServer.stop(ExitReason.NORMAL, state);
            case SocketMessage.Error error -> GenServer.stop(ExitReason.NORMAL, state);
            default -> GenServer.noreply(state);
        };
    }
}
