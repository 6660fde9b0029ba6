package dev.otpnet.internal.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A wire that can be read without a thread waiting on it: the socket's receiver reads only when
 * told bytes are there ({@link #onReadable}), and every read returns at once ({@link #readNow}).
 * {@link TcpWire#polled} is one; the {@link WirePoller} tells it.
 *
 * <p>Thread confinement: the callback runs on the poller's thread; {@link #armRead} and
 * {@link #disarmRead} may be called from any thread, under the caller's own lock.
 */
public interface PolledWire extends Wire {

    /** Whether the wire is read this way now (false once {@link #toBlocking} ran). */
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
     * Leaves polled mode for good, for a layer that reads the wire from threads of its own (a TLS
     * session taking a gen_tcp socket over): no more callbacks, and {@link #read} blocks again.
     */
    void toBlocking() throws IOException;
}
