package dev.otpnet.inet;

import java.util.Locale;

/** {@code inet} (IPv4) or {@code inet6} (IPv6). */
public enum AddressFamily {
    INET,
    INET6;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
