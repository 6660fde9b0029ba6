package dev.otpnet.internal.wire;

import dev.otpnet.inet.InetException;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;

/**
 * A listen socket watched by the {@link WirePoller}: its channel is non-blocking, and a caller
 * with nothing to accept parks until the poller reports a connection waiting.
 *
 * <p>Why not the JDK's blocking accept: a virtual thread parked there is woken by the JDK's own
 * poller, from outside the carrier's queue, and under load such wake-ups wait until that queue
 * drains (see {@link WirePoller}'s fairness note). Woken by our poller, which runs on a carrier,
 * the accepting thread goes to that carrier's queue and runs within a round of the traffic.
 *
 * <p>Thread confinement: one thread at a time in {@link #awaitAcceptable}; {@link #close} from any.
 */
public final class PolledListen {
    private final ServerSocketChannel server;
    private final Readiness readiness;

    private PolledListen(ServerSocketChannel server, Readiness readiness) {
        this.server = server;
        this.readiness = readiness;
    }

    /** Makes {@code server} non-blocking and watched ({@code emfile} if the poller cannot start). */
    public static PolledListen of(ServerSocketChannel server) throws InetException {
        return new PolledListen(server, Readiness.watch(server));
    }

    /**
     * Parks until a connection may be waiting, the socket closes, the thread is interrupted, or
     * {@code nanos} pass ({@code Long.MAX_VALUE}: no limit). The caller then tries its accept
     * again, which may still find nothing.
     */
    public void awaitAcceptable(long nanos) throws IOException {
        readiness.await(SelectionKey.OP_ACCEPT, nanos);
    }

    /**
     * Closes the listen socket, the kernel's socket with it before this returns (so a connection
     * attempt after it is refused, as after Erlang's {@code gen_tcp:close/1}); a parked caller
     * wakes and finds it closed.
     */
    public void close() throws IOException {
        readiness.deregister();
        try {
            server.close();
        } finally {
            readiness.wakeAll();
        }
    }
}
