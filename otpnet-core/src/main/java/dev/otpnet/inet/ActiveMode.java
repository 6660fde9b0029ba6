package dev.otpnet.inet;

import java.util.Locale;

/** The four active modes of {@code {active, Mode}}; {@link #N} carries a count in {@link Option.Active}. */
public enum ActiveMode {
    /** Deliver every packet as a message, as fast as it arrives. */
    TRUE,
    /** Deliver nothing; the owner calls {@code recv}. */
    FALSE,
    /** Deliver one packet, then become passive. */
    ONCE,
    /** Deliver N packets, then become passive and send {@code Passive}. */
    N;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
