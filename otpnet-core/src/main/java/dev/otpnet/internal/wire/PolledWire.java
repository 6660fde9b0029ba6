package dev.otpnet.internal.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A wire that can be read without a thread waiting on it: the socket's receiver reads only when
 * told bytes are there ({@link #onReadable}), and every read returns at once ({@link #readNow}).
 * {@link TcpWire#polled} is one, and a TLS session over one; the {@link WirePoller} tells it.
 *
 * <p>Thread confinement: the callback runs on the poller's thread; {@link #armRead} and
 * {@link #disarmRead} may be called from any thread, under the caller's own lock.
 */
public interface PolledWire extends Wire {

    /** Whether the wire is read this way (a wire over a blocking one is not). */
    boolean isPolled();

    /**
     * Sets what runs whenever the wire is readable while read interest is armed. It must read
     * until it would block, or {@link #disarmRead}, or it is called again at once.
     */
    void onReadable(Runnable callback);

    /** Asks for the callback when bytes (or the end of the stream) arrive. */
    void armRead() throws IOException;

    /** No more callbacks until {@link #armRead}. */
    void disarmRead();

    /** One read that never waits: the bytes read, 0 when none are ready, -1 at the end of the stream. */
    int readNow(ByteBuffer dst) throws IOException;

    /**
     * Runs the callback soon on the poller's thread, as if bytes had come: for a layer that took
     * bytes off the wire outside the callback (a TLS handshake on an established session) and
     * holds them for the reader.
     */
    void kick();

    /**
     * Whether bytes the callback has not had are held above the kernel (a TLS layer's records read
     * but not yet unwrapped): the reader must try {@link #readNow} before it waits for the poller.
     */
    default boolean buffered() {
        return false;
    }
}
