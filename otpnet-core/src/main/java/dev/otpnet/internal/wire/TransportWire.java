package dev.otpnet.internal.wire;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.Options;
import dev.otpnet.inet.ShutdownHow;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A {@link Wire} over any socket with the gen_tcp-like interface ({@link InetSocket}): the
 * references' transport callback ({@code {cb_info, {Module, DataTag, ClosedTag}}}), by which TLS
 * runs over a transport that is not a plain TCP socket (another TLS session, a user's tunnel).
 *
 * <p>The transport is put in passive, binary, raw mode and read with {@code recv(0)}; its
 * {@code closed} becomes the end of the stream. Thread confinement as {@link Wire}: one reader,
 * one writer.
 */
public final class TransportWire implements Wire {
    private final InetSocket transport;
    private ByteBuffer pending;

    private TransportWire(InetSocket transport) {
        this.transport = transport;
    }

    /** A wire over {@code transport}, which becomes passive, binary and raw. */
    public static TransportWire over(InetSocket transport) throws InetException {
        transport.setopts(List.of(Options.active(false), Options.binary(), Options.packet(0)));
        return new TransportWire(transport);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ByteBuffer p = pending;
        if (p == null) {
            Object data;
            try {
                data = transport.recv(0);
            } catch (InetException e) {
                if (e.reason() == InetError.CLOSED) {
                    return -1;
                }
                throw e;
            }
            p = ((Bytes) data).asByteBuffer();
        }
        int n = Math.min(p.remaining(), dst.remaining());
        dst.put(p.slice(p.position(), n));
        p.position(p.position() + n);
        pending = p.hasRemaining() ? p : null;
        return n;
    }

    @Override
    public void write(ByteBuffer[] srcs) throws IOException {
        for (ByteBuffer b : srcs) {
            if (b.hasRemaining()) {
                transport.send(Bytes.copyOf(b));
                b.position(b.limit());
            }
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        transport.shutdown(ShutdownHow.WRITE);
    }

    @Override
    public void shutdownInput() throws IOException {
        transport.shutdown(ShutdownHow.READ);
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public void abort() {
        transport.close();
    }

    @Override
    public boolean isOpen() {
        return transport.isOpen();
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        return transport.sockname();
    }

    @Override
    public SocketAddress remoteAddress() throws IOException {
        return transport.peername();
    }
}
