package dev.otpnet.inet;

import java.net.InetSocketAddress;

/**
 * What every connected otpnet socket offers, whatever carries it (TCP, TLS, a user transport):
 * Erlang's {@code gen_tcp}/{@code ssl} socket functions and the {@code inet} ones.
 *
 * <h2>The model</h2>
 * <ul>
 *   <li>A socket has one owner, its <em>controlling process</em> (the process that opened or
 *       accepted it). In active mode received packets arrive in the owner's mailbox as
 *       {@link SocketMessage}s. The socket closes when its owner exits. Only the owner may hand it
 *       to another process with {@link #controllingProcess}.</li>
 *   <li>Active modes are flow control: {@code {active,false}} reads nothing until {@link #recv}
 *       asks, so a peer writing to an owner that does not read is pushed back by TCP.</li>
 *   <li>Framing ({@code {packet, Type}}) happens at the socket: {@code recv} and {@code Data}
 *       carry whole packets, and {@code send} adds the length header for packet 1, 2 and 4.</li>
 *   <li>Data is a {@link Bytes} in {@code binary} mode, a {@link String} with one char per byte in
 *       {@code list} mode, an {@code HttpPacket} for the http packet types.</li>
 * </ul>
 *
 * <p>Thread safety: every method may be called from any thread. As in Erlang, any process may
 * {@code send} and {@code recv}; concurrent receivers are served in the order they asked.
 */
public interface InetSocket extends InetPort {

    /** Sends bytes (framed per the packet option). */
    void send(Bytes data) throws InetException;

    /** Sends bytes (framed per the packet option). */
    default void send(byte[] data) throws InetException {
        send(Bytes.of(data));
    }

    /** Sends a string of byte-chars (each char 0..255), Erlang's byte list. */
    default void send(String bytes) throws InetException {
        send(Inet.byteList(bytes));
    }

    /** {@code recv(Socket, Length)}: waits as long as it takes. */
    default Object recv(int length) throws InetException {
        return recv(length, Inet.INFINITY);
    }

    /**
     * {@code recv(Socket, Length, Timeout)}: one packet from a passive socket. Length is only
     * allowed in raw mode ({@code {packet,0}}), where 0 means "whatever is available" and N > 0
     * means exactly N bytes; otherwise {@code einval}. An active socket gives {@code einval}.
     *
     * @param timeoutMillis milliseconds, or {@link Inet#INFINITY}
     */
    Object recv(int length, long timeoutMillis) throws InetException;

    /** Half or full shutdown; with {@code WRITE} the peer still talks to us. */
    void shutdown(ShutdownHow how) throws InetException;

    InetSocketAddress peername() throws InetException;

    Stats getstat() throws InetException;
}
