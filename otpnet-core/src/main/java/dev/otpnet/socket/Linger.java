package dev.otpnet.socket;

/**
 * The value of {@code {socket, linger}}, Erlang's {@code #{onoff => boolean(), linger => Seconds}}.
 * {@code new Linger(true, 0)} makes {@code close} reset the connection instead of a FIN.
 */
public record Linger(boolean onoff, int linger) {
    public Linger {
        if (linger < 0) {
            throw new IllegalArgumentException("The linger time must be 0 or more seconds, not " + linger + ".");
        }
    }

    @Override
    public String toString() {
        return "#{linger => " + linger + ",onoff => " + onoff + "}";
    }
}
