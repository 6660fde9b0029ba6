package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.internal.wire.Wire;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;

/** A test-only {@link Wire} over a blocking {@link SocketChannel}, standing in for the socket layer's TCP wire. */
final class ChannelWire implements Wire {
    private final SocketChannel channel;

    ChannelWire(SocketChannel channel) {
        this.channel = channel;
    }

    SocketChannel channel() {
        return channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            return channel.read(dst);
        } catch (ClosedChannelException e) {
            throw new InetException(InetError.CLOSED, e);
        } catch (IOException e) {
            throw new InetException(Posix.ECONNRESET, e);
        }
    }

    @Override
    public void write(ByteBuffer[] srcs) throws IOException {
        try {
            while (remaining(srcs)) {
                channel.write(srcs);
            }
        } catch (ClosedChannelException e) {
            throw new InetException(InetError.CLOSED, e);
        } catch (IOException e) {
            throw new InetException(Posix.EPIPE, e);
        }
    }

    private static boolean remaining(ByteBuffer[] srcs) {
        for (ByteBuffer b : srcs) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing twice or after a reset is fine
        }
    }

    @Override
    public void abort() {
        try {
            if (channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException ignored) {
            // already gone
        }
        close();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        return channel.getLocalAddress();
    }

    @Override
    public SocketAddress remoteAddress() throws IOException {
        return channel.getRemoteAddress();
    }
}
