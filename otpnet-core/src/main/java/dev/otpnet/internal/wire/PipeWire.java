package dev.otpnet.internal.wire;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Channel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A {@link Wire} over two one-way channels, such as the pipes an Erlang port gives the program it
 * spawns (fds 3 and 4 with {@code nouse_stdio}, stdin and stdout with {@code use_stdio}). The end of
 * the input is the peer closing the port. Closing the wire closes both channels, which wakes a
 * blocked read.
 */
public final class PipeWire implements Wire {
    private final ReadableByteChannel in;
    private final WritableByteChannel out;

    /** Both channels must block, and closing one must wake a thread blocked on it (as NIO's do). */
    public PipeWire(ReadableByteChannel in, WritableByteChannel out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            return in.read(dst);
        } catch (ClosedChannelException e) {
            throw new InetException(InetError.CLOSED, e);
        }
    }

    @Override
    public void write(ByteBuffer[] srcs) throws IOException {
        try {
            for (ByteBuffer b : srcs) {
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
        } catch (ClosedChannelException e) {
            throw new InetException(InetError.CLOSED, e);
        } catch (IOException e) {
            // The port was closed on the Erlang side: the pipe has no reader (EPIPE).
            throw new InetException(Posix.EPIPE, e.getMessage(), e);
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        out.close();
    }

    @Override
    public void shutdownInput() throws IOException {
        in.close();
    }

    @Override
    public void close() {
        closeQuietly(out);
        closeQuietly(in);
    }

    @Override
    public void abort() {
        close();
    }

    @Override
    public boolean isOpen() {
        return in.isOpen() || out.isOpen();
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        throw new InetException(Posix.ENOTSUP, "an Erlang port's pipes have no address", null);
    }

    @Override
    public SocketAddress remoteAddress() throws IOException {
        throw new InetException(Posix.ENOTSUP, "an Erlang port's pipes have no address", null);
    }

    private static void closeQuietly(Channel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing a pipe end has nothing to report
        }
    }
}
