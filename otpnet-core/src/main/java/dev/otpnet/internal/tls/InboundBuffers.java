package dev.otpnet.internal.tls;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The buffers of an {@link Inbound}: {@code net}, ciphertext read but not yet unwrapped, and
 * {@code app}, plaintext unwrapped but not yet delivered, both kept in read mode between calls.
 *
 * <pre>
 *   lower wire ──fill──▶ [ net: records ] ──unwrap──▶ [ app: plaintext ] ──transfer──▶ reader
 *                                          └──unwrap straight into the reader's buffer when it is large enough
 * </pre>
 *
 * Both come from {@link RecordBuffers#inbound} (direct ones for a native engine), grow when the
 * engine asks for more, and go back before a fill that may wait (nothing buffered, the last fill
 * did not fill its offer): that fill reads into {@code idle}, {@link #IDLE_IN} bytes from
 * {@link RecordBuffers#idle}, which a short record fits in. When a non-blocking read found
 * nothing ({@link #release}, a polled socket waiting for its peer), that goes back too: an idle
 * polled connection holds no buffer here.
 *
 * <p>Thread confinement: used under the inbound lock only.
 */
final class InboundBuffers {
    static final int IDLE_IN = 512;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final RecordBuffers pool;
    private final RecordBuffers idlePool;
    private final boolean direct;
    private ByteBuffer net;
    private ByteBuffer app = EMPTY;
    private ByteBuffer idle;
    /** The last fill filled its offer: more is probably waiting. */
    private boolean streaming;
    private int appBufferSize;

    /**
     * @param initialNet bytes already read from the lower wire (a ClientHello), in write mode, or
     *                   {@code null}; kept as {@code net} when it is large enough and of the right kind
     */
    InboundBuffers(boolean direct, int packetSize, int appBufferSize, ByteBuffer initialNet) {
        this.direct = direct;
        this.pool = RecordBuffers.inbound(direct);
        this.idlePool = RecordBuffers.idle(direct);
        this.appBufferSize = appBufferSize;
        if (initialNet != null && initialNet.capacity() >= packetSize && initialNet.isDirect() == direct) {
            this.net = initialNet.flip();
        } else {
            this.net = pool.take(packetSize);
            if (initialNet != null) {
                net.put(initialNet.flip());
            }
            net.flip();
        }
    }

    /** Ciphertext not yet unwrapped, in read mode. */
    ByteBuffer net() {
        return net;
    }

    boolean hasApp() {
        return app.hasRemaining();
    }

    /** The plaintext buffer a destination must be at least as large as to be unwrapped into. */
    int appBufferSize() {
        return appBufferSize;
    }

    /**
     * {@code net} in write mode, ready for a read from the lower wire: emptied into the small
     * idle buffer when a read may wait, grown when full. Call {@link #filled} after the read.
     */
    ByteBuffer forFill(int packetSize) {
        if (net == EMPTY) {
            goIdle(); // released while nothing came
            return net;
        }
        net.compact();
        if (net.position() == 0 && !streaming) {
            goIdle();
        } else if (!net.hasRemaining()) {
            ByteBuffer full = net;
            net = pool.take(Math.max(net.capacity() * 2, packetSize)).put(full.flip());
            if (full != idle) {
                pool.give(full);
            }
        }
        return net;
    }

    /** After the read that followed {@link #forFill}: {@code net} back in read mode. */
    void filled(int read, int offered) {
        net.flip();
        streaming = read == offered;
    }

    /** With {@code net} empty (in write mode): the pooled buffers go back. */
    private void goIdle() {
        if (!app.hasRemaining() && app != EMPTY) {
            pool.give(app);
            app = EMPTY;
        }
        if (idle == null) {
            idle = idlePool.take(IDLE_IN);
        }
        if (net != idle) {
            if (net != EMPTY) {
                pool.give(net);
            }
            net = idle.clear();
        }
    }

    /**
     * After a non-blocking read found nothing: when nothing is held, every buffer goes back to
     * its pool until bytes come ({@link #forFill} takes the idle one again).
     */
    void release() {
        if (net.hasRemaining() || app.hasRemaining()) {
            return;
        }
        if (app != EMPTY) {
            pool.give(app);
            app = EMPTY;
        }
        if (net != EMPTY) {
            (net == idle ? idlePool : pool).give(net);
        }
        if (idle != null && idle != net) {
            idlePool.give(idle);
        }
        idle = null;
        net = EMPTY;
        streaming = false;
    }

    /** Whether any buffer is held (for tests: an idle polled connection holds none). */
    boolean holdsBuffers() {
        return net != EMPTY || app != EMPTY || idle != null;
    }

    /** {@code app} in write mode for an unwrap, large enough for one record; {@link #unwrapped} after. */
    ByteBuffer appForUnwrap() {
        if (app.capacity() < appBufferSize) {
            app = pool.take(appBufferSize).put(app).flip();
        }
        return app.compact();
    }

    void unwrapped() {
        app.flip();
    }

    /** The engine wants a larger plaintext buffer ({@code size}); {@code app} grows if it was the target. */
    void overflow(int size, boolean appWasTarget) {
        appBufferSize = Math.max(appBufferSize, size);
        if (appWasTarget) {
            app = allocate(app.remaining() + appBufferSize).put(app).flip();
        }
    }

    /** Moves held plaintext into {@code dst}: the bytes moved. */
    int transferTo(ByteBuffer dst) {
        int n = Math.min(app.remaining(), dst.remaining());
        if (n == app.remaining()) {
            dst.put(app);
        } else {
            dst.put(app.slice(app.position(), n));
            app.position(app.position() + n);
        }
        return n;
    }

    /** Moves held plaintext to {@code to}. */
    void drainApp(ByteArrayOutputStream to) {
        byte[] a = new byte[app.remaining()];
        app.get(a);
        to.writeBytes(a);
    }

    /** Moves held ciphertext, as raw bytes, to {@code to}. */
    void drainNet(ByteArrayOutputStream to) {
        byte[] raw = new byte[net.remaining()];
        net.get(raw);
        to.writeBytes(raw);
    }

    private ByteBuffer allocate(int size) {
        return direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }
}
