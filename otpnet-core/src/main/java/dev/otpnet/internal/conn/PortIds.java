package dev.otpnet.internal.conn;

import java.util.concurrent.atomic.AtomicLong;

/** Numbers for sockets, printed as Erlang prints ports: {@code #Port<0.42>}. Never reused. */
public final class PortIds {
    private static final AtomicLong NEXT = new AtomicLong(1);

    private PortIds() {
    }

    public static long next() {
        return NEXT.getAndIncrement();
    }

    public static String format(long id) {
        return "#Port<0." + id + ">";
    }
}
