package dev.otpnet.listener;

/**
 * The code that serves one connection: Ranch's protocol module. {@link #serve} runs in the
 * connection's own process, which owns the socket: the socket closes when it returns or throws,
 * and a crash takes down only this connection (it is logged, and its permit comes back).
 *
 * <p>The socket arrives passive ({@code {active, false}}), in binary and {@code {packet, raw}}, as
 * Ranch hands it over; set the options you want first:
 *
 * <pre>{@code
 * ProtocolHandler echo = conn -> {
 *     InetSocket s = conn.socket();
 *     s.setopts(List.of(packet(4), active(ONCE)));
 *     while (Proc.receive() instanceof SocketMessage.Data(var sock, Bytes data)) {
 *         sock.send(data);
 *         sock.setopts(List.of(active(ONCE)));
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ProtocolHandler {
    void serve(Connection connection) throws Exception;
}
