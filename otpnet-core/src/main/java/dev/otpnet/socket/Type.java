package dev.otpnet.socket;

import java.util.Locale;

/** A socket's type, Erlang's {@code type()}: a byte {@code stream} or {@code dgram} datagrams. */
public enum Type {
    STREAM,
    DGRAM;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
