package dev.otpnet.inet;

import java.util.Locale;

/**
 * The non-POSIX atoms gen_tcp and inet return. {@link #text()} is what Erlang/OTP's
 * {@code inet:format_error/1} prints (which for several of these is "unknown POSIX error");
 * {@link #explanation()} is a plain sentence for logs and exception messages.
 */
public enum InetError implements Reason {
    /** The socket is closed (by us, the peer, or because its owner exited). */
    CLOSED("unknown POSIX error", "the socket is closed"),
    /** The operation's time-out expired. */
    TIMEOUT("unknown POSIX error", "the operation timed out"),
    /** Only the controlling process may do this. */
    NOT_OWNER("unknown POSIX error", "only the socket's controlling process may do this"),
    /** A bad argument reached the socket (a dead pid, a socket closed mid-call). */
    BADARG("unknown POSIX error", "bad argument"),
    /** A system limit was hit. */
    SYSTEM_LIMIT("a system limit was hit, probably not enough ports",
            "a system limit was hit, probably not enough ports"),
    /** The host name does not exist. */
    NXDOMAIN("non-existing domain", "non-existing domain"),
    /** The port is in a state that does not allow the operation. */
    EXBADPORT("invalid port state", "invalid port state"),
    /** Operations were done in an order the socket does not allow. */
    EXBADSEQ("bad command sequence", "bad command sequence"),
    /** A packet on the wire does not follow the socket's {@code {packet, Type}} format. */
    INVALID("unknown POSIX error", "the received data is not a valid packet of the socket's packet type");

    private final String text;
    private final String explanation;

    InetError(String text, String explanation) {
        this.text = text;
        this.explanation = explanation;
    }

    @Override
    public String atom() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String text() {
        return text;
    }

    /** A plain sentence saying what happened, for messages and logs. */
    public String explanation() {
        return explanation;
    }

    @Override
    public String toString() {
        return atom();
    }
}
