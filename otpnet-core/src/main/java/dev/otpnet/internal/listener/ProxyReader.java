package dev.otpnet.internal.listener;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.internal.time.Deadline;
import dev.otpnet.listener.ProxyHeader;

/**
 * Reads one PROXY header from a passive raw socket, never a byte past it: the bytes after the
 * header belong to the protocol (a TLS ClientHello, an HTTP request) and stay in the socket.
 *
 * <p>v2 is read as 16 fixed bytes then exactly the length they give; v1 as 8 bytes then byte by
 * byte to the CRLF (the socket's receiver buffers what the kernel gave, so a byte read is a copy,
 * not a system call). The whole header must come within one deadline (the spec's advice is at
 * least 3 seconds); {@code timeout} then, and {@code closed} if the peer goes first.
 */
public final class ProxyReader {
    private ProxyReader() {
    }

    public static ProxyHeader read(InetSocket socket, long timeoutMillis, int maxSize) throws InetException {
        Deadline deadline = Deadline.after(timeoutMillis);
        Bytes head = exactly(socket, 8, deadline);
        try {
            return rest(socket, head, deadline, maxSize);
        } catch (InetException e) {
            if (e.reason() == InetError.CLOSED) {
                throw ProxyV1.error("The connection closed inside the PROXY protocol header, after its first "
                        + "bytes " + head.hex() + ". (PP 2.1, PP 2.2)");
            }
            throw e;
        }
    }

    private static ProxyHeader rest(InetSocket socket, Bytes head, Deadline deadline, int maxSize)
            throws InetException {
        if (head.latin1().startsWith("PROXY ")) {
            Bytes line = head;
            int len;
            while ((len = ProxyV1.lineLength(line)) < 0) {
                line = line.concat(exactly(socket, 1, deadline));
            }
            return ProxyV1.parse(line);
        }
        if (!ProxyV2.signature(head, 8)) {
            throw ProxyV1.error("The PROXY protocol header signature was not recognized. (PP 2.1, PP 2.2)");
        }
        Bytes fixed = head.concat(exactly(socket, 8, deadline));
        if (!ProxyV2.signature(fixed, 12)) {
            throw ProxyV1.error("The PROXY protocol header signature was not recognized. (PP 2.1, PP 2.2)");
        }
        int total = ProxyV2.length(fixed);
        if (total > maxSize) {
            throw ProxyV1.error("The PROXY protocol v2 header is " + total + " bytes, more than the "
                    + maxSize + " this listener accepts. (PP 2.2)");
        }
        Bytes whole = total > ProxyV2.FIXED ? fixed.concat(exactly(socket, total - ProxyV2.FIXED, deadline)) : fixed;
        return ProxyV2.parse(whole);
    }

    private static Bytes exactly(InetSocket socket, int n, Deadline deadline) throws InetException {
        if (deadline.expired()) {
            throw new InetException(InetError.TIMEOUT, "no complete PROXY header in time", null);
        }
        Object got = socket.recv(n, deadline.remainingMillis());
        return got instanceof Bytes b ? b : Bytes.latin1((String) got);
    }
}
