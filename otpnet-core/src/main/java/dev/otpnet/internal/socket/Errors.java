package dev.otpnet.internal.socket;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.internal.wire.Failures;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NoConnectionPendingException;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;

/**
 * Where the JDK's failures become the atoms Erlang's {@code socket} module returns. The JDK reports
 * most of them as an {@link IOException} whose message is the C library's text, or as an unchecked
 * channel-state exception; both are mapped here, once.
 */
final class Errors {
    private Errors() {
    }

    static InetException of(Throwable t) {
        return of(t, null);
    }

    static InetException of(Throwable t, String detail) {
        if (t instanceof InetException e) {
            return e;
        }
        return new InetException(reason(t), detail, t);
    }

    static InetException enotsup(String why) {
        return new InetException(Posix.ENOTSUP, why, null);
    }

    static Reason reason(Throwable t) {
        return switch (t) {
            case InetException e -> e.reason();
            case ClosedChannelException e -> InetError.CLOSED;
            case NotYetConnectedException e -> Posix.ENOTCONN;
            case AlreadyConnectedException e -> Posix.EISCONN;
            case ConnectionPendingException e -> Posix.EALREADY;
            case NoConnectionPendingException e -> Posix.EINVAL;
            case AlreadyBoundException e -> Posix.EINVAL;
            case NotYetBoundException e -> Posix.EINVAL;
            case UnresolvedAddressException e -> Posix.EADDRNOTAVAIL;
            case UnsupportedAddressTypeException e -> Posix.EAFNOSUPPORT;
            case UnsupportedOperationException e -> Posix.EAFNOSUPPORT;
            case BindException e -> fromMessage(e.getMessage(), Posix.EADDRINUSE);
            case ConnectException e -> fromMessage(e.getMessage(), Posix.ECONNREFUSED);
            case NoRouteToHostException e -> fromMessage(e.getMessage(), Posix.EHOSTUNREACH);
            case PortUnreachableException e -> Posix.ECONNREFUSED;
            case IOException e -> fromMessage(e.getMessage(), Posix.EIO);
            default -> Posix.EIO;
        };
    }

    private static Reason fromMessage(String message, Reason fallback) {
        return Failures.fromMessage(message, fallback);
    }
}
