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
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /**
     * The strerror texts the JDK puts in its exceptions, and the reason each stands for, in the order
     * they are tried (a more specific text before a text it contains).
     */
    private static final List<Map.Entry<String, Reason>> MESSAGES = List.of(
            Map.entry("connection reset", Posix.ECONNRESET),
            Map.entry("reset by peer", Posix.ECONNRESET),
            Map.entry("broken pipe", Posix.EPIPE),
            Map.entry("connection refused", Posix.ECONNREFUSED),
            Map.entry("address already in use", Posix.EADDRINUSE),
            Map.entry("assign requested address", Posix.EADDRNOTAVAIL),
            Map.entry("message too long", Posix.EMSGSIZE),
            Map.entry("timed out", Posix.ETIMEDOUT),
            Map.entry("network is unreachable", Posix.ENETUNREACH),
            Map.entry("no route to host", Posix.EHOSTUNREACH),
            Map.entry("host is unreachable", Posix.EHOSTUNREACH),
            Map.entry("permission denied", Posix.EACCES),
            Map.entry("too many open files in system", Posix.ENFILE),
            Map.entry("too many open files", Posix.EMFILE),
            Map.entry("protocol family unavailable", Posix.EAFNOSUPPORT),
            Map.entry("protocol family not supported", Posix.EAFNOSUPPORT),
            Map.entry("address family not supported", Posix.EAFNOSUPPORT),
            Map.entry("socket closed", InetError.CLOSED),
            Map.entry("socket is closed", InetError.CLOSED),
            Map.entry("closed by interrupt", InetError.CLOSED),
            Map.entry("no such file", Posix.ENOENT),
            Map.entry("invalid argument", Posix.EINVAL),
            Map.entry("not connected", Posix.ENOTCONN),
            Map.entry("destination address required", Posix.EDESTADDRREQ),
            Map.entry("operation not permitted", Posix.EPERM),
            Map.entry("not supported", Posix.EOPNOTSUPP));

    /**
     * The reason a JDK exception's message names (its strerror text), or {@code fallback} when it names
     * none. Shared by every module that turns the JDK's failures into Erlang's reasons.
     */
    public static Reason fromMessage(String message, Reason fallback) {
        if (message == null) {
            return fallback;
        }
        String m = message.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Reason> e : MESSAGES) {
            if (m.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return fallback;
    }
}
