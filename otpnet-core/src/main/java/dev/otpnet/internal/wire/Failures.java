package dev.otpnet.internal.wire;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * The one place where the JDK's I/O failures become Erlang reasons. The JDK reports most socket
 * errors as a plain {@link SocketException} whose message is the C library's strerror text, so the
 * text is matched here, once, against the POSIX names.
 */
public final class Failures {
    private Failures() {
    }

    /** The Erlang reason for a JDK failure. */
    public static Reason classify(Throwable t) {
        return switch (t) {
            case InetException e -> e.reason();
            case ClosedChannelException e -> InetError.CLOSED;
            case SocketTimeoutException e -> InetError.TIMEOUT;
            case InterruptedIOException e -> InetError.CLOSED;
            case UnknownHostException e -> InetError.NXDOMAIN;
            case UnresolvedAddressException e -> InetError.NXDOMAIN;
            case BindException e -> fromMessage(e.getMessage(), Posix.EADDRINUSE);
            case ConnectException e -> fromMessage(e.getMessage(), Posix.ECONNREFUSED);
            case NoRouteToHostException e -> fromMessage(e.getMessage(), Posix.EHOSTUNREACH);
            case PortUnreachableException e -> Posix.ECONNREFUSED;
            case IOException e -> fromMessage(e.getMessage(), Posix.EIO);
            default -> Posix.EIO;
        };
    }

    /** {@code t} as an {@link InetException} (itself, if it already is one). */
    public static InetException toInet(Throwable t) {
        if (t instanceof InetException e) {
            return e;
        }
        return new InetException(classify(t), t);
    }

    /** An {@link InetException} for {@code t} with a detail such as the address concerned. */
    public static InetException toInet(Throwable t, String detail) {
        if (t instanceof InetException e) {
            return e;
        }
        return new InetException(classify(t), detail, t);
    }

    private static Reason fromMessage(String message, Reason fallback) {
        if (message == null) {
            return fallback;
        }
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("connection reset") || m.contains("reset by peer")) {
            return Posix.ECONNRESET;
        }
        if (m.contains("broken pipe")) {
            return Posix.EPIPE;
        }
        if (m.contains("connection refused")) {
            return Posix.ECONNREFUSED;
        }
        if (m.contains("address already in use")) {
            return Posix.EADDRINUSE;
        }
        if (m.contains("cannot assign requested address") || m.contains("can't assign requested address")) {
            return Posix.EADDRNOTAVAIL;
        }
        if (m.contains("timed out")) {
            return Posix.ETIMEDOUT;
        }
        if (m.contains("network is unreachable")) {
            return Posix.ENETUNREACH;
        }
        if (m.contains("no route to host") || m.contains("host is unreachable")) {
            return Posix.EHOSTUNREACH;
        }
        if (m.contains("permission denied")) {
            return Posix.EACCES;
        }
        if (m.contains("too many open files in system")) {
            return Posix.ENFILE;
        }
        if (m.contains("too many open files")) {
            return Posix.EMFILE;
        }
        if (m.contains("protocol family unavailable") || m.contains("address family not supported")) {
            return Posix.EAFNOSUPPORT;
        }
        if (m.contains("socket closed") || m.contains("socket is closed") || m.contains("closed by interrupt")) {
            return InetError.CLOSED;
        }
        if (m.contains("invalid argument")) {
            return Posix.EINVAL;
        }
        if (m.contains("not connected")) {
            return Posix.ENOTCONN;
        }
        return fallback;
    }
}
