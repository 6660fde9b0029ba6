package dev.otpnet.etf;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.Inet;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.Options;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Proc;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Erlang terms over any otpnet socket: each packet is one {@code term_to_binary}, which is what an
 * Erlang or Elixir peer on {@code {packet, 4}} sends. It wraps any {@link InetSocket} (gen_tcp,
 * ssl, an {@link ErlangPort}...), so one handler serves them all:
 *
 * <pre>{@code
 * TermSocket terms = TermSocket.over(socket);            // socket: {packet,4}, active once
 * while (terms.receive() instanceof SocketMessage.Data(var s, Term t)) {
 *     terms.send(Tuple.of(Atom.OK, t));                   // the peer's binary_to_term gets {ok, T}
 *     s.setopts(List.of(active(ONCE)));
 * }
 * }</pre>
 *
 * <p>Framing stays the socket's: open it with {@code {packet, 4}} (or 1, 2) as the peer does;
 * {@link #over} only switches the socket to {@code binary} mode. Active sockets still deliver
 * {@code Data} with {@link Bytes} to the owner's mailbox; {@link #receive()} takes the next message
 * of this socket from the mailbox and decodes its payload, and {@link #decode(SocketMessage)} does
 * the same for a message received some other way. Passive sockets use {@link #recv}.
 *
 * <p>A packet that is not a valid term is a {@link BadargException}, as {@code binary_to_term}
 * raises {@code badarg}; the message is consumed and the socket stays usable. Decoding uses the
 * options given (for an untrusted peer, {@link Terms#safe()}).
 */
public final class TermSocket {
    private final InetSocket socket;
    private final List<EncodeOption> encodeOptions;
    private final List<DecodeOption> decodeOptions;

    private TermSocket(InetSocket socket, List<? extends EncodeOption> encode, List<? extends DecodeOption> decode) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.encodeOptions = List.copyOf(encode);
        this.decodeOptions = List.copyOf(decode);
    }

    /** Terms over {@code socket}, which is put in {@code binary} mode, with default options. */
    public static TermSocket over(InetSocket socket) throws InetException {
        return over(socket, List.of(), List.of());
    }

    /** Terms over {@code socket} ({@code binary} mode), encoded and decoded with these options. */
    public static TermSocket over(InetSocket socket, List<? extends EncodeOption> encode,
            List<? extends DecodeOption> decode) throws InetException {
        socket.setopts(List.of(Options.binary()));
        return new TermSocket(socket, encode, decode);
    }

    public InetSocket socket() {
        return socket;
    }

    /** Sends {@code term} as one packet. */
    public void send(Term term) throws InetException {
        socket.send(Terms.termToBinary(term, encodeOptions));
    }

    /** Sends {@link Terms#fromJava(Object) fromJava(value)} as one packet. */
    public void send(Object value) throws InetException {
        send(Terms.fromJava(value));
    }

    /** One term from a passive socket, waiting as long as it takes. */
    public Term recv() throws InetException {
        return recv(Inet.INFINITY);
    }

    /** One term from a passive socket, or {@code timeout}. */
    public Term recv(long timeoutMillis) throws InetException {
        return decodePacket(socket.recv(0, timeoutMillis));
    }

    /**
     * The calling process's next message from this socket, a {@code Data} carrying a decoded
     * {@link Term}; {@code Closed}, {@code Error} and {@code Passive} as they come. Other messages
     * stay in the mailbox (a selective receive).
     */
    public SocketMessage receive() {
        return decode(Proc.receive(SocketMessage.class, m -> m.socket() == socket));
    }

    /** As {@link #receive()}, or empty after {@code timeoutMillis}. */
    public Optional<SocketMessage> receive(long timeoutMillis) {
        return Proc.receive(SocketMessage.class, m -> m.socket() == socket, timeoutMillis).map(this::decode);
    }

    /** {@code message} with a {@code Data}'s (or {@code PortData}'s) bytes decoded to a {@link Term}. */
    public SocketMessage decode(SocketMessage message) {
        return switch (message) {
            case SocketMessage.Data(var s, var data) -> new SocketMessage.Data(s, decodePacket(data));
            case SocketMessage.PortData(var s, var data) -> new SocketMessage.PortData(s, decodePacket(data));
            default -> message;
        };
    }

    private Term decodePacket(Object data) {
        return switch (data) {
            case Term t -> t;
            case Bytes b -> Terms.binaryToTerm(b, decodeOptions);
            default -> throw new IllegalStateException("the socket delivered a " + data.getClass().getSimpleName()
                    + ", not bytes: a TermSocket needs binary mode and a length-prefixed packet type");
        };
    }

    @Override
    public String toString() {
        return "TermSocket(" + socket + ")";
    }
}
