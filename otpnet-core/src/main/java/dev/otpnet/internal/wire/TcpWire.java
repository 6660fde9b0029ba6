package dev.otpnet.internal.wire;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;

/**
 * A {@link Wire} over a connected {@link SocketChannel}, in one of two modes.
 *
 * <ul>
 *   <li><b>Blocking</b> ({@link #TcpWire}): a blocking channel, meant for virtual threads, on
 *       which the JDK turns a blocking read or write into a park on its poller. A TLS session
 *       reads its records this way.
 *   <li><b>Polled</b> ({@link #polled}): a non-blocking channel watched by the {@link WirePoller}.
 *       A gen_tcp socket's receiver reads only when the poller says bytes are there
 *       ({@link #readNow}, {@link #onReadable}), so an idle socket holds no thread. {@link #read}
 *       and {@link #write} still block (they park until the poller reports the channel ready);
 *       {@link #writeSome} never waits and may take nothing.
 * </ul>
 * A TLS session that takes a polled gen_tcp socket over keeps it polled: its handshake blocks in
 * {@link #read}, and afterwards its own receiver reads on readiness.
 */
public final class TcpWire implements PolledWire {
    private final SocketChannel channel;
    private volatile boolean inputShut;
    /** The registration when polled; null in blocking mode. */
    private final Readiness polled;

    /** A blocking wire over a blocking channel. */
    public TcpWire(SocketChannel channel) {
        this(channel, null);
    }

    private TcpWire(SocketChannel channel, Readiness polled) {
        this.channel = channel;
        this.polled = polled;
    }

    /**
     * A polled wire: the channel is made non-blocking and watched by the {@link WirePoller}
     * (started if need be: {@code emfile} when it cannot be).
     */
    public static TcpWire polled(SocketChannel channel) throws InetException {
        return new TcpWire(channel, Readiness.watch(channel));
    }

    @Override
    public boolean isPolled() {
        return polled != null;
    }

    @Override
    public void onReadable(Runnable callback) {
        Readiness r = polled;
        if (r == null) {
            throw new IllegalStateException("the wire is not polled");
        }
        r.onReadable(callback);
    }

    @Override
    public void armRead() throws IOException {
        Readiness r = polled;
        if (r == null) {
            throw new InetException(InetError.CLOSED, "the wire is no longer polled", null);
        }
        try {
            r.armCallback();
        } catch (IOException e) {
            throw Failures.toInet(e);
        }
    }

    @Override
    public void disarmRead() {
        Readiness r = polled;
        if (r != null) {
            r.disarmCallback();
        }
    }

    @Override
    public void kick() {
        Readiness r = polled;
        if (r != null) {
            r.kick();
        }
    }

    @Override
    public int readNow(ByteBuffer dst) throws IOException {
        if (inputShut) {
            return -1;
        }
        try {
            return channel.read(dst);
        } catch (IOException e) {
            throw Failures.toInet(e);
        }
    }

    /** The channel, for reading and setting kernel options. */
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (inputShut) {
            return -1;
        }
        try {
            Readiness r = polled;
            while (true) {
                int n = channel.read(dst);
                if (n != 0 || r == null || !dst.hasRemaining()) {
                    return n;
                }
                r.await(SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            throw Failures.toInet(e);
        }
    }

    @Override
    public void write(ByteBuffer[] srcs) throws IOException {
        try {
            long remaining = 0;
            for (ByteBuffer b : srcs) {
                remaining += b.remaining();
            }
            Readiness r = polled;
            while (remaining > 0) {
                long n = channel.write(srcs);
                remaining -= n;
                if (n == 0 && r != null) {
                    r.await(SelectionKey.OP_WRITE);
                }
            }
        } catch (IOException e) {
            throw Failures.toInet(e);
        }
    }

    /**
     * One gathering write: the kernel takes what fits in its buffer (blocking: at least one byte;
     * polled: possibly nothing).
     */
    @Override
    public long writeSome(ByteBuffer[] srcs) throws IOException {
        try {
            return channel.write(srcs);
        } catch (IOException e) {
            throw Failures.toInet(e);
        }
    }

    @Override
    public long writeSome(ByteBuffer src) throws IOException {
        try {
            return channel.write(src);
        } catch (IOException e) {
            throw Failures.toInet(e);
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            throw Failures.toInet(e);
        }
    }

    @Override
    public void acknowledgeNow() {
        if (channel.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)) {
            try {
                channel.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
            } catch (IOException e) {
                // closed meanwhile: nothing to acknowledge
            }
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        inputShut = true;
        try {
            channel.shutdownInput();
        } catch (IOException e) {
            throw Failures.toInet(e);
        }
    }

    @Override
    public void close() {
        Readiness r0 = polled;
        if (r0 != null) {
            r0.unwatch();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket that failed is still closing it
        }
        Readiness r = polled;
        if (r != null) {
            r.wakeAll(); // parked readers and writers see the close; the selector releases the descriptor
        }
    }

    @Override
    public void abort() {
        try {
            if (channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException ignored) {
            // the close below still happens
        }
        close();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        return address(channel.getLocalAddress());
    }

    @Override
    public SocketAddress remoteAddress() throws IOException {
        return address(channel.getRemoteAddress());
    }

    private SocketAddress address(SocketAddress a) throws InetException {
        if (a == null) {
            throw new InetException(channel.isOpen() ? dev.otpnet.inet.Posix.ENOTCONN : InetError.CLOSED);
        }
        return a;
    }
}
