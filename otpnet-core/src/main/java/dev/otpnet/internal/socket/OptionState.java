package dev.otpnet.internal.socket;

import dev.otpnet.socket.IpMreq;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.MembershipKey;
import java.nio.channels.NetworkChannel;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A socket's option values that are not (only) in the kernel: the {@code otp} level, the user's
 * {@code reuseaddr} (the kernel's is held on while a bound stream socket waits to listen), the
 * kernel options set so far (set again on the listening channel that replaces the bound one), and
 * the multicast groups joined.
 */
final class OptionState {
    static final int DEFAULT_OTP_RCVBUF = 8192;

    private volatile int otpRcvbuf = DEFAULT_OTP_RCVBUF;
    private volatile boolean debug;
    private volatile Object meta;
    private volatile boolean reuseaddr;
    private final Map<SocketOption<?>, Object> applied = new LinkedHashMap<>();
    private final Map<IpMreq, MembershipKey> memberships = new HashMap<>();

    int otpRcvbuf() {
        return otpRcvbuf;
    }

    void otpRcvbuf(int n) {
        otpRcvbuf = n;
    }

    boolean debug() {
        return debug;
    }

    void debug(boolean b) {
        debug = b;
    }

    Object meta() {
        return meta;
    }

    void meta(Object m) {
        meta = m;
    }

    boolean reuseaddr() {
        return reuseaddr;
    }

    void reuseaddr(boolean b) {
        reuseaddr = b;
    }

    synchronized void applied(SocketOption<?> option, Object value) {
        applied.put(option, value);
    }

    /** Sets on {@code ch} every kernel option set so far that it offers. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    synchronized void reapply(NetworkChannel ch) throws IOException {
        for (var e : applied.entrySet()) {
            if (ch.supportedOptions().contains(e.getKey()) && e.getKey() != StandardSocketOptions.SO_REUSEADDR) {
                ch.setOption((SocketOption) e.getKey(), e.getValue());
            }
        }
    }

    synchronized MembershipKey membership(IpMreq m) {
        return memberships.get(m);
    }

    synchronized void joined(IpMreq m, MembershipKey key) {
        memberships.put(m, key);
    }

    synchronized MembershipKey left(IpMreq m) {
        return memberships.remove(m);
    }

    synchronized void closeMemberships() {
        memberships.values().forEach(MembershipKey::drop);
        memberships.clear();
    }
}
