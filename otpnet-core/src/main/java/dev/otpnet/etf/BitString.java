package dev.otpnet.etf;

import dev.otpnet.inet.Bytes;
import java.util.Objects;

/**
 * An Erlang bitstring whose size is not a whole number of bytes, such as {@code <<1,2:3>>}:
 * {@code bytes} holds the bits, the last byte's {@code lastBits} (1..7) high bits being the tail
 * and its low bits zero. A bitstring of whole bytes is a {@link Binary}; {@link #of} picks.
 */
public record BitString(Bytes bytes, int lastBits) implements Term {
    public BitString {
        Objects.requireNonNull(bytes, "bytes");
        if (lastBits < 1 || lastBits > 7) {
            throw new IllegalArgumentException("a bitstring's last byte holds 1 to 7 bits (8 is a Binary), not " + lastBits);
        }
        if (bytes.isEmpty()) {
            throw new IllegalArgumentException("a bitstring with bits in its last byte needs at least one byte");
        }
        if ((bytes.get(bytes.size() - 1) & (0xff >> lastBits)) != 0) {
            throw new IllegalArgumentException("the unused low " + (8 - lastBits) + " bits of the last byte must be zero");
        }
    }

    /** {@code bytes} of which the last holds {@code lastBits} (1..8) bits; the unused bits are cleared. */
    public static Term of(Bytes bytes, int lastBits) {
        if (lastBits == 8 || bytes.isEmpty()) {
            return new Binary(bytes);
        }
        if (lastBits < 1 || lastBits > 8) {
            throw new IllegalArgumentException("the last byte holds 1 to 8 bits, not " + lastBits);
        }
        int last = bytes.get(bytes.size() - 1) & (0xff << (8 - lastBits));
        byte[] a = bytes.toArray();
        a[a.length - 1] = (byte) last;
        return new BitString(Bytes.wrap(a), lastBits);
    }

    /** The size in bits. */
    public long bitSize() {
        return (bytes.size() - 1L) * 8 + lastBits;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<<");
        for (int i = 0; i < bytes.size() - 1; i++) {
            sb.append(bytes.get(i)).append(',');
        }
        return sb.append(bytes.get(bytes.size() - 1) >> (8 - lastBits)).append(':').append(lastBits).append(">>").toString();
    }
}
