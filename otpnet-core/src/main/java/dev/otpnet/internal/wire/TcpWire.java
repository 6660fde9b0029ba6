package dev.otpnet.internal.wire;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A {@link Wire} over a connected, blocking {@link SocketChannel}. Meant to be used from virtual
 * threads, where the JDK turns a blocking read or write into a park on its poller.
 */
public final class TcpWire implements Wire {
    private final SocketChannel channel;
    private volatile boolean inputShut;

    public TcpWire(SocketChannel channel) {
        this.channel = channel;
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
            return channel.read(dst);
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
            while (remaining > 0) {
                remaining -= channel.write(srcs);
            }
        } catch (IOException e) {
            throw Failures.toInet(e);
        }
    }

    /** One gathering write: the kernel takes what fits in its buffer (at least one byte). */
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
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket that failed is still closing it
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
