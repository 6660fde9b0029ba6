package dev.otpnet.etf;

import dev.otpnet.inet.Bytes;
import java.util.Objects;

/**
 * An Erlang binary: a whole number of bytes. Elixir's strings are binaries of UTF-8
 * ({@link #utf8(String)}, {@link #utf8()}).
 */
public record Binary(Bytes bytes) implements Term {
    public static final Binary EMPTY = new Binary(Bytes.EMPTY);

    public Binary {
        Objects.requireNonNull(bytes, "bytes");
    }

    /** The UTF-8 bytes of {@code s}: an Elixir string. */
    public static Binary utf8(String s) {
        return new Binary(Bytes.utf8(s));
    }

    public static Binary of(byte... bytes) {
        return new Binary(Bytes.of(bytes));
    }

    /** The bytes read as UTF-8. */
    public String utf8() {
        return bytes.utf8();
    }

    @Override
    public String toString() {
        return bytes.toString();
    }
}
