package dev.otpnet.socket;

import java.util.Locale;

/**
 * A socket's protocol, Erlang's {@code protocol()}. {@code DEFAULT} picks the one its domain and
 * type imply: {@code tcp} for an inet stream, {@code udp} for an inet dgram, none for {@code local}.
 */
public enum Protocol {
    TCP,
    UDP,
    DEFAULT;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
