package dev.otpnet.internal.socket;

import dev.otpnet.internal.time.Deadline;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * {@code socket:sendfile(Socket, File, Offset, Count, Timeout)}: a file region to a connected stream
 * socket through {@link FileChannel#transferTo}, which the JDK turns into the kernel's zero-copy
 * {@code sendfile(2)} on Linux. Count 0 means to the end of the file.
 */
public final class SendFile {
    private SendFile() {
    }

    /** The number of bytes sent; {@code {timeout, BytesSent}} if the time-out comes first. */
    public static long sendfile(SocketCore s, FileChannel file, long offset, long count, long timeoutMillis)
            throws InetException {
        if (offset < 0 || count < 0) {
            throw new IllegalArgumentException("sendfile takes an offset and a count of 0 or more, not " + offset
                    + " and " + count + ".");
        }
        if (!(s.channel() instanceof SocketChannel c)) {
            throw new InetException(Posix.ENOTCONN, "sendfile needs a connected stream socket", null);
        }
        if (!c.isConnected()) {
            throw new InetException(Posix.ENOTCONN);
        }
        long end;
        try {
            end = count == 0 ? file.size() : offset + count;
        } catch (IOException e) {
            throw Errors.of(e);
        }
        long[] pos = {offset};
        Deadline deadline = Calls.deadline(timeoutMillis);
        try {
            Calls.await(s, SelectionKey.OP_WRITE, "sendfile", "write", deadline, () -> {
                while (pos[0] < end) {
                    long n = file.transferTo(pos[0], end - pos[0], c);
                    if (n == 0) {
                        if (pos[0] >= file.size()) {
                            return Boolean.TRUE; // the file is shorter than asked: what is there is sent
                        }
                        return null;
                    }
                    pos[0] += n;
                    s.counters.packet("write", n);
                }
                return Boolean.TRUE;
            });
        } catch (InetException e) {
            if (e.reason() == InetError.TIMEOUT) {
                throw new InetException(new Reason.Tagged("timeout", pos[0] - offset));
            }
            throw e;
        }
        return pos[0] - offset;
    }
}
