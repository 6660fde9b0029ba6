package dev.otpnet.inet;

/**
 * Why an operation failed: the {@code Reason} of Erlang's {@code {error, Reason}}.
 *
 * <p>Every failure of a socket operation is an {@link InetException} carrying one of these.
 * {@link #toString()} prints the Erlang term ({@code econnrefused}, {@code {options,{packet,7}}});
 * {@link #text()} is the human text Erlang's {@code inet:format_error/1} (or {@code ssl:format_error/1})
 * gives for it. Match on the atom with a pattern switch:
 *
 * <pre>{@code
 * switch (e.reason()) {
 *     case InetError.CLOSED -> ...;
 *     case Posix.ECONNREFUSED -> ...;
 *     default -> ...;
 * }
 * }</pre>
 *
 * <p>The interface is open: {@code inet} defines the POSIX atoms ({@link Posix}), its own
 * ({@link InetError}) and {@link Tagged} tuples, and each module built on it (ssl's {@code SslReason},
 * say) adds its own reasons by implementing this interface, so the ground floor never names the
 * floors above it. A switch over a {@code Reason} therefore always has a {@code default} branch.
 */
public interface Reason {

    /** The atom, or for a structured reason the tag of its tuple. */
    String atom();

    /** Erlang's format_error text for this reason. */
    String text();

    /**
     * A structured reason {@code {Tag, Value}} such as {@code {options, Bad}} or {@code {timeout, Rest}}.
     * {@code value} prints with its own {@code toString()}, which for otpnet types is the Erlang term.
     */
    record Tagged(String atom, Object value) implements Reason {
        public Tagged {
            java.util.Objects.requireNonNull(atom, "atom");
            java.util.Objects.requireNonNull(value, "value");
        }

        @Override
        public String text() {
            return "unknown POSIX error";
        }

        @Override
        public String toString() {
            return "{" + atom + "," + value + "}";
        }
    }
}
