package dev.otpnet.inet;

/**
 * A packet received with {@code {header, N}} in binary mode: Erlang's {@code [B1,...,BN | Binary]},
 * the first N bytes as a byte list (a {@link String}, one char per byte) ahead of the rest.
 */
public record Headed(String header, Bytes rest) {
    public Headed {
        java.util.Objects.requireNonNull(header, "header");
        java.util.Objects.requireNonNull(rest, "rest");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < header.length(); i++) {
            sb.append(i > 0 ? "," : "").append((int) header.charAt(i));
        }
        return sb.append(header.isEmpty() ? "" : "|").append(rest).append(']').toString();
    }
}
