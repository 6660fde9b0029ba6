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
 */
public sealed interface Reason permits Posix, InetError, Reason.Tagged, dev.otpnet.ssl.SslReason {

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
