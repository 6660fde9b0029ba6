package dev.otpnet.etf;

/**
 * An Erlang float: a finite {@code double} (Erlang has no NaN or infinity; they are refused).
 * Equality is by bits, so {@code 0.0} and {@code -0.0} differ (as in OTP 27; OTP 25 and 26 treat
 * them as equal).
 */
public record ErlFloat(double value) implements Term {
    public ErlFloat {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(value + " is not an Erlang float: Erlang has no NaN or infinity");
        }
    }

    @Override
    public String toString() {
        return Double.toString(value);
    }
}
