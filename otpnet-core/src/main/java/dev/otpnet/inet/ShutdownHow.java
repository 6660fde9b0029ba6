package dev.otpnet.inet;

import java.util.Locale;

/** How {@code shutdown} closes a socket: {@code read}, {@code write} or {@code read_write}. */
public enum ShutdownHow {
    READ,
    WRITE,
    READ_WRITE;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
