/**
 * The OTP behaviours: {@link dev.otpnet.otp.GenServer} ({@code gen_server}),
 * {@link dev.otpnet.otp.GenStatem} ({@code gen_statem}), {@link dev.otpnet.otp.Supervisor}
 * ({@code supervisor}), and {@link dev.otpnet.otp.Application}, an application-like entry point.
 *
 * <p>A behaviour is a process whose loop is written once, here, and whose particular work is a
 * few callbacks you write. Processes crash, supervisors restart them: "let it crash" means a
 * callback does not catch what it cannot handle; it throws, the process exits with a
 * {@link dev.otpnet.process.Crash} carrying the exception, and its supervisor decides what
 * happens next.
 *
 * <h2>The walk-through's connection handler, in Java</h2>
 *
 * <p>The reference's {@code ConnectionHandler} is a {@code GenServer} that owns one TLS
 * connection: its state is first the listen socket, then the accepted socket. In Java it is the
 * same four clauses; the {@code switch} over the socket messages is exhaustive because they are a
 * sealed interface.
 *
 * <pre>{@code
 * // defmodule ConnectionHandler do
 * //   use GenServer
 * final class ConnectionHandler implements GenServer<Void, InetPort> {
 *     private final SslListenSocket listenSocket;
 *
 *     // def start_link(sock), do: GenServer.start_link(__MODULE__, [sock])
 *     static Pid startLink(SslListenSocket sock) throws OtpException {
 *         return GenServer.startLink(new ConnectionHandler(sock));
 *     }
 *
 *     ConnectionHandler(SslListenSocket listenSocket) { this.listenSocket = listenSocket; }
 *
 *     // def init([sock]), do: {:ok, sock, 0}
 *     public Init<InetPort> init() {
 *         return Init.ok(listenSocket, 0);
 *     }
 *
 *     public Result<InetPort> handleInfo(Object message, InetPort state) throws Exception {
 *         return switch (message) {
 *             // def handle_info(:timeout, l) do
 *             //   {:ok, s} = :ssl.transport_accept(l)
 *             //   ConnectionHandlerFactory.start_child()
 *             //   :ok = :ssl.ssl_accept(s)
 *             //   {:noreply, s}
 *             case Atom.TIMEOUT -> {
 *                 SslSocket s = Ssl.transportAccept((SslListenSocket) state);
 *                 ConnectionHandlerFactory.startChild();
 *                 Ssl.handshake(s);
 *                 yield GenServer.noreply(s);
 *             }
 *             // def handle_info({:ssl, sslsocket, data}, state), do: :ssl.send(sslsocket, data); {:noreply, state}
 *             case SocketMessage.Data(SslSocket s, String data) -> {      // list mode, the default
 *                 Ssl.send(s, data);
 *                 yield GenServer.noreply(state);
 *             }
 *             // def handle_info({:ssl_closed, _}, state), do: {:stop, :normal, state}
 *             // def handle_info({:ssl_error, _, _}, state), do: {:stop, :normal, state}
 *             case SocketMessage.Closed c -> GenServer.stop(ExitReason.NORMAL, state);
 *             case SocketMessage.Error e -> GenServer.stop(ExitReason.NORMAL, state);
 *             default -> GenServer.noreply(state);
 *         };
 *     }
 * }
 * }</pre>
 *
 * <p>No {@code try}: {@code transportAccept} and {@code handshake} throw
 * {@link java.io.IOException}s, and a handler whose handshake fails should crash. Its supervisor,
 * {@code ConnectionHandlerFactory}, is a {@link dev.otpnet.otp.Strategy#SIMPLE_ONE_FOR_ONE}
 * supervisor registered by name whose one {@link dev.otpnet.otp.ChildSpec} is
 * {@link dev.otpnet.otp.Restart#TEMPORARY}: a crashed handler is not restarted and does not
 * disturb the others. The complete program is {@code dev.otpnet.examples.demo} in
 * {@code otpnet-examples} ({@code DemoApp}, {@code ConnectionHandlerFactory}, {@code ConnectionHandler}),
 * tested with the walk-through's own client steps in Elixir and with an Erlang {@code ssl} client.
 *
 * <h2>Departures from Erlang</h2>
 *
 * <ul>
 *   <li>One object is one server: what Erlang passes to {@code init(Args)} is passed to the
 *       server's constructor.
 *   <li>{@code {error, Reason}} is a thrown {@link dev.otpnet.otp.OtpException} carrying the reason;
 *       a start whose {@code init} returned {@code ignore} throws it with
 *       {@link dev.otpnet.otp.Atom#IGNORE}.
 *   <li>{@code hibernate} is accepted and does nothing; {@code code_change}, {@code sys} and
 *       {@code {global, _}}/{@code {via, _, _}} names do not exist.
 * </ul>
 */
package dev.otpnet.otp;
