package dev.otpnet.socket;

import java.util.Locale;

/** A socket's address family, Erlang's {@code domain()}: {@code inet}, {@code inet6} or {@code local}. */
public enum Domain {
    /** IPv4. */
    INET,
    /** IPv6 (the JDK opens these dual-stack: they also reach IPv4 peers through mapped addresses). */
    INET6,
    /** Unix domain sockets, named by a path in the file system. */
    LOCAL;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
