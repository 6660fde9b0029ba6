package dev.otpnet.internal.wire;

import dev.otpnet.inet.Bytes;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * A wire whose first reads return bytes that were already read from it by an earlier owner: what
 * a TCP socket had buffered when it was upgraded to TLS, or the plaintext that followed a TLS
 * close_notify when it was downgraded back to TCP.
 *
 * <p>Thread confinement as {@link Wire}: reads from one thread at a time.
 */
public final class PrefixedWire implements Wire {
    private final Wire inner;
    private ByteBuffer prefix;

    private PrefixedWire(Wire inner, Bytes prefix) {
        this.inner = inner;
        this.prefix = prefix.asByteBuffer();
    }

    /** {@code inner} itself when there is nothing to replay. */
    public static Wire of(Wire inner, Bytes prefix) {
        return prefix.isEmpty() ? inner : new PrefixedWire(inner, prefix);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ByteBuffer p = prefix;
        if (p != null) {
            int n = Math.min(p.remaining(), dst.remaining());
            ByteBuffer slice = p.slice(p.position(), n);
            dst.put(slice);
            p.position(p.position() + n);
            if (!p.hasRemaining()) {
                prefix = null;
            }
            return n;
        }
        return inner.read(dst);
    }

    @Override
    public void write(ByteBuffer[] srcs) throws IOException {
        inner.write(srcs);
    }

    @Override
    public long writeSome(ByteBuffer[] srcs) throws IOException {
        return inner.writeSome(srcs);
    }

    @Override
    public long writeSome(ByteBuffer src) throws IOException {
        return inner.writeSome(src);
    }

    @Override
    public void shutdownOutput() throws IOException {
        inner.shutdownOutput();
    }

    @Override
    public void acknowledgeNow() {
        inner.acknowledgeNow();
    }

    @Override
    public void shutdownInput() throws IOException {
        inner.shutdownInput();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public void abort() {
        inner.abort();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        return inner.localAddress();
    }

    @Override
    public SocketAddress remoteAddress() throws IOException {
        return inner.remoteAddress();
    }
}
