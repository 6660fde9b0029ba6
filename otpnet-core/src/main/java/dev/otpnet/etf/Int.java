package dev.otpnet.etf;

/** An Erlang integer that fits a {@code long}. Larger ones are {@link BigInt}; each value has one form. */
public record Int(long value) implements Term {
    public static Int of(long value) {
        return new Int(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
