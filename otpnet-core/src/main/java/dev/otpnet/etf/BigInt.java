package dev.otpnet.etf;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An Erlang integer outside the {@code long} range (an integer inside it is always an {@link Int},
 * so each value has exactly one form). {@link Terms#integer(BigInteger)} picks the right one.
 */
public record BigInt(BigInteger value) implements Term {
    static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    public BigInt {
        Objects.requireNonNull(value, "value");
        if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
            throw new IllegalArgumentException(value + " fits a long: use Int, or Terms.integer(BigInteger) to choose");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
