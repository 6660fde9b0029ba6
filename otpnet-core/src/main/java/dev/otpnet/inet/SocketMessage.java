package dev.otpnet.inet;

import dev.otpnet.packet.HttpPacket;

/**
 * What an active socket sends its owner. The same four records for TCP and TLS, so one handler
 * serves both (Ranch's {@code Transport:messages()}); {@link InetSocket#transport()} tells them
 * apart, and {@link #toString()} prints the Erlang tuple ({@code {tcp,#Port<0.5>,<<"hi">>}},
 * {@code {ssl_closed,...}}).
 *
 * <pre>{@code
 * switch (Proc.receive()) {
 *     case SocketMessage.Data(var s, Bytes b) -> s.send(b);
 *     case SocketMessage.Closed(var s) -> { return; }
 *     case SocketMessage.Error(var s, var reason) -> log(reason);
 *     case SocketMessage.Passive(var s) -> s.setopts(List.of(active(100)));
 *     default -> { }
 * }
 * }</pre>
 *
 * <p>Per socket, messages arrive in order and {@code Closed} comes exactly once, last.
 */
public sealed interface SocketMessage {

    /**
     * The socket this message is about: a connected socket, except for {@link Passive}, which a
     * listen socket sends too.
     */
    InetPort socket();

    /**
     * {@code {tcp, Socket, Data}}: one packet. {@code data} is a {@link Bytes} in binary mode, a
     * {@link String} in list mode, an {@code HttpPacket} for the http packet types, a
     * {@link Headed} with {@code {header, N}}. A TCP socket tags an {@code HttpPacket} {@code http}
     * rather than {@code tcp}, as gen_tcp does: {@code {http,#Port<0.5>,http_eoh}} (ssl keeps
     * {@code ssl}).
     */
    record Data(InetSocket socket, Object data) implements SocketMessage {
        @Override
        public String toString() {
            String tag = data instanceof HttpPacket && socket.transport().equals("tcp") ? "http" : socket.transport();
            return "{" + tag + "," + socket + "," + Inet.term(data) + "}";
        }
    }

    /**
     * {@code {Socket, {data, Data}}}: one packet on a socket with {@code {deliver, port}}, the shape
     * Erlang's port messages have. Only data changes shape; close and errors are as above.
     */
    record PortData(InetSocket socket, Object data) implements SocketMessage {
        @Override
        public String toString() {
            return "{" + socket + ",{data," + Inet.term(data) + "}}";
        }
    }

    /** {@code {tcp_closed, Socket}}: the peer closed (or the connection failed); nothing follows. */
    record Closed(InetSocket socket) implements SocketMessage {
        @Override
        public String toString() {
            return "{" + socket.transport() + "_closed," + socket + "}";
        }
    }

    /** {@code {tcp_error, Socket, Reason}}: an error; a {@link Closed} follows if the socket closes. */
    record Error(InetSocket socket, Reason reason) implements SocketMessage {
        @Override
        public String toString() {
            return "{" + socket.transport() + "_error," + socket + "," + reason + "}";
        }
    }

    /**
     * {@code {tcp_passive, Socket}}: an {@code {active, N}} count ran out; the socket is now passive.
     * A listen socket sends it too, to its owner, when {@code setopts} brings its count (the one
     * accepted sockets inherit) to 0, as gen_tcp does.
     */
    record Passive(InetPort socket) implements SocketMessage {
        @Override
        public String toString() {
            return "{" + socket.transport() + "_passive," + socket + "}";
        }
    }
}
