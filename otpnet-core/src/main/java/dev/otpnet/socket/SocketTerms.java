package dev.otpnet.socket;

import dev.otpnet.etf.DecodeOption;
import dev.otpnet.etf.EncodeOption;
import dev.otpnet.etf.Term;
import dev.otpnet.etf.Terms;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.internal.time.Deadline;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Objects;

/**
 * Erlang terms over a stream {@link Socket} of the socket module, framed as an Erlang or Elixir peer
 * on {@code {packet, 4}} frames them: each packet a 4-byte big-endian length, then one
 * {@code term_to_binary}.
 *
 * <pre>
 * +--------+--------+--------+--------+------------------------------+
 * |        length N (big-endian)      |  N bytes: term_to_binary(T)  |
 * +--------+--------+--------+--------+------------------------------+
 * </pre>
 *
 * <p>The socket module has no {@code {packet, N}} option (Erlang's has none either), so this does the
 * framing itself; gen_tcp and ssl sockets frame at the socket and use {@code dev.otpnet.etf.TermSocket}.
 * A {@link #recv} that times out keeps what it has read of the packet, and the next call goes on from
 * there, so the stream never loses its framing. Not thread-safe: one reader and one writer at a time,
 * as the socket module's own turns ask.
 */
public final class SocketTerms {
    private final Socket socket;
    private final List<EncodeOption> encodeOptions;
    private final List<DecodeOption> decodeOptions;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private int length = -1;

    private SocketTerms(Socket socket, List<? extends EncodeOption> encode, List<? extends DecodeOption> decode) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.encodeOptions = List.copyOf(encode);
        this.decodeOptions = List.copyOf(decode);
    }

    /** Terms over a connected stream socket, with the default options. */
    public static SocketTerms over(Socket socket) {
        return new SocketTerms(socket, List.of(), List.of());
    }

    /** Terms over a connected stream socket, encoded and decoded with these options. */
    public static SocketTerms over(Socket socket, List<? extends EncodeOption> encode,
            List<? extends DecodeOption> decode) {
        return new SocketTerms(socket, encode, decode);
    }

    public Socket socket() {
        return socket;
    }

    /** Sends {@code term} as one {@code {packet, 4}} packet. */
    public void send(Term term) throws InetException {
        Bytes body = Terms.termToBinary(term, encodeOptions);
        int n = body.size();
        byte[] frame = new byte[4 + n];
        frame[0] = (byte) (n >>> 24);
        frame[1] = (byte) (n >>> 16);
        frame[2] = (byte) (n >>> 8);
        frame[3] = (byte) n;
        body.copyTo(frame, 4);
        Sockets.send(socket, Bytes.wrap(frame));
    }

    /** The next term, waiting as long as it takes. */
    public Term recv() throws InetException {
        return recv(Sockets.INFINITY);
    }

    /**
     * The next term, or {@code timeout} (what was read of the packet is kept for the next call). A
     * packet that is not a term is {@code badarg} ({@code dev.otpnet.etf.BadargException}) and is
     * consumed.
     */
    public Term recv(long timeoutMillis) throws InetException {
        Deadline deadline = Deadline.after(timeoutMillis);
        if (length < 0) {
            fill(4, deadline);
            byte[] h = partial.toByteArray();
            length = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
            partial.reset();
            if (length < 0) {
                throw new InetException(Posix.EMSGSIZE, "a packet announced as " + (length & 0xffffffffL)
                        + " bytes", null);
            }
        }
        fill(length, deadline);
        Bytes body = Bytes.wrap(partial.toByteArray());
        partial.reset();
        length = -1;
        return Terms.binaryToTerm(body, decodeOptions);
    }

    /** Reads until {@code partial} holds {@code want} bytes, keeping what came if the deadline passes. */
    private void fill(int want, Deadline deadline) throws InetException {
        while (partial.size() < want) {
            try {
                Bytes got = Sockets.recv(socket, want - partial.size(), deadline.remainingMillis());
                partial.writeBytes(got.toArray());
            } catch (InetException e) {
                if (e.reason() instanceof Reason.Tagged(var atom, Bytes some)) {
                    // {timeout, Data} or {closed, Data}: the bytes are kept here, the caller sees the atom
                    partial.writeBytes(some.toArray());
                    throw new InetException(atom.equals("timeout") ? InetError.TIMEOUT : InetError.CLOSED,
                            "after " + partial.size() + " bytes of the packet", e);
                }
                throw e;
            }
        }
    }
}
