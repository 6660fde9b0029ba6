package dev.otpnet.otp;

/**
 * How a {@link Supervisor} stops a child: the {@code shutdown} of Erlang's child spec.
 *
 * <ul>
 *   <li>{@link #BRUTAL_KILL}: {@code exit(Child, kill)}; the child cannot run any clean-up.
 *   <li>{@link #timeout(long) timeout(ms)}: {@code exit(Child, shutdown)}, which a server that
 *       traps exits turns into its {@code terminate}; if the child has not ended after {@code ms}
 *       milliseconds, {@code exit(Child, kill)}.
 *   <li>{@link #INFINITY}: {@code exit(Child, shutdown)} and wait as long as it takes; the default
 *       for a child that is a supervisor.
 * </ul>
 *
 * <p>A child that ends with another reason than the one expected ({@code killed} for a brutal
 * kill, {@code shutdown} otherwise) is reported as a {@code shutdown_error}.
 */
public sealed interface Shutdown {

    /** {@code brutal_kill}. */
    record BrutalKill() implements Shutdown {
        @Override
        public String toString() {
            return "brutal_kill";
        }
    }

    /** A timeout in milliseconds. */
    record Timeout(long ms) implements Shutdown {
        public Timeout {
            if (ms < 0) {
                throw new IllegalArgumentException("A shutdown timeout must be 0 or more milliseconds, not " + ms + ".");
            }
        }

        @Override
        public String toString() {
            return Long.toString(ms);
        }
    }

    /** {@code infinity}. */
    record Infinity() implements Shutdown {
        @Override
        public String toString() {
            return "infinity";
        }
    }

    Shutdown BRUTAL_KILL = new BrutalKill();
    Shutdown INFINITY = new Infinity();

    /** Wait {@code ms} milliseconds after {@code shutdown} before killing. */
    static Shutdown timeout(long ms) {
        return new Timeout(ms);
    }
}
