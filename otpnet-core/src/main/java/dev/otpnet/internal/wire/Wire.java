package dev.otpnet.internal.wire;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * The byte stream at the bottom of every otpnet socket: a TCP connection, a TLS session over
 * another wire, or a user's transport.
 *
 * <p>The socket layer above ({@code dev.otpnet.internal.conn}) does framing, active modes,
 * ownership and the send queue; a wire only moves bytes. Thread confinement: {@link #read} is
 * called by one thread at a time (the socket's reader), {@link #write} by one thread at a time
 * (whoever drains the send queue); the two may run concurrently. {@link #close}, {@link #abort}
 * and the shutdowns may be called from any thread and must wake a blocked read or write, which
 * then fails with {@code InetException(closed)}.
 *
 * <p>Failures are {@link dev.otpnet.inet.InetException}s carrying the Erlang reason
 * ({@code closed}, {@code econnreset}, {@code etimedout}, a TLS alert...).
 */
public interface Wire {

    /**
     * Reads at least one byte into {@code dst}, blocking until some arrive.
     *
     * @return the number of bytes read, or -1 at the end of the stream (the peer's FIN, or
     *     a TLS close_notify)
     */
    int read(ByteBuffer dst) throws IOException;

    /** Writes every remaining byte of {@code srcs}, blocking until the lower layer took them. */
    void write(ByteBuffer[] srcs) throws IOException;

    /**
     * Writes what the lower layer takes in one go, blocking only until it takes at least one byte,
     * and returns how many it took; the buffers' positions show where it stopped. A wire that
     * cannot tell writes everything, as {@link #write} does.
     */
    default long writeSome(ByteBuffer[] srcs) throws IOException {
        long total = 0;
        for (ByteBuffer b : srcs) {
            total += b.remaining();
        }
        write(srcs);
        return total;
    }

    /** As {@link #writeSome(ByteBuffer[])} for one buffer (a wire over a channel writes it without a gathering write). */
    default long writeSome(ByteBuffer src) throws IOException {
        return writeSome(new ByteBuffer[] {src});
    }

    /**
     * Acknowledges what was read at once, rather than when the kernel's delayed-ACK timer fires
     * (Linux: {@code TCP_QUICKACK}). For a protocol step that reads the peer's last bytes and
     * answers nothing: a peer whose next small write Nagle's algorithm holds until that ACK
     * would otherwise wait about 40 ms. Where the platform cannot, nothing happens.
     */
    default void acknowledgeNow() {
    }

    /** Half close: no more writes; the peer sees end of stream after what was written. */
    void shutdownOutput() throws IOException;

    /** No more reads; bytes arriving afterwards are discarded. */
    void shutdownInput() throws IOException;

    /** Closes both directions gracefully (honouring linger). Idempotent. */
    void close();

    /** Closes at once, discarding unsent data; on TCP the peer sees a reset. Idempotent. */
    void abort();

    boolean isOpen();

    SocketAddress localAddress() throws IOException;

    SocketAddress remoteAddress() throws IOException;
}
