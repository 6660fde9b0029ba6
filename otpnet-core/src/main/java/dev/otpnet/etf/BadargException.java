package dev.otpnet.etf;

/**
 * Erlang's {@code badarg} from {@code binary_to_term}: the bytes are not a valid encoding, or are
 * refused by an option ({@code safe}) or a bound (nesting depth). {@link #offset()} is where in
 * the input the decoder stopped, counted from the version byte (for a compressed term, from the
 * start of the inflated data, and the message says so).
 */
public final class BadargException extends IllegalArgumentException {
    private final long offset;

    public BadargException(long offset, String why) {
        super("badarg at offset " + offset + ": " + why);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
