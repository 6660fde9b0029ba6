package dev.otpnet.internal.socket;

import dev.otpnet.socket.SockOpt;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code socket:supports/0,1} and {@code is_supported/1,2}: what this platform and JDK can do, found
 * by asking the JDK once (which options its channels offer, whether IPv6 and Unix sockets open).
 */
public final class Support {
    private static volatile Support cached;

    private final Map<String, Boolean> features;
    private final Map<SockOpt<?>, Boolean> options;

    private Support(Map<String, Boolean> features, Map<SockOpt<?>, Boolean> options) {
        this.features = features;
        this.options = options;
    }

    public static Support get() {
        Support s = cached;
        if (s == null) {
            s = probe();
            cached = s;
        }
        return s;
    }

    /** {@code supports()} without the option list: feature name to whether it works here. */
    public Map<String, Boolean> features() {
        return features;
    }

    /** {@code supports(options)}: every option to whether some socket here can set (or read) it. */
    public Map<SockOpt<?>, Boolean> options() {
        return options;
    }

    /** {@code supports(options, Level)}: the options of one level, in the order of {@link #options()}. */
    public Map<SockOpt<?>, Boolean> options(SockOpt.Level level) {
        Map<SockOpt<?>, Boolean> out = new LinkedHashMap<>();
        options.forEach((o, b) -> {
            if (o.level() == level) {
                out.put(o, b);
            }
        });
        return out;
    }

    private static Support probe() {
        Set<SocketOption<?>> offered = new HashSet<>();
        boolean ipv6 = opens(StandardProtocolFamily.INET6, offered);
        opens(StandardProtocolFamily.INET, offered);
        boolean local;
        try (SocketChannel u = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            local = u.isOpen();
        } catch (IOException | UnsupportedOperationException e) {
            local = false;
        }
        Map<String, Boolean> f = new LinkedHashMap<>();
        f.put("ipv6", ipv6);
        f.put("local", local);
        f.put("sctp", false);
        f.put("netns", false);
        f.put("sendfile", true);
        Map<SockOpt<?>, Boolean> o = new LinkedHashMap<>();
        for (SockOpt<?> opt : SockOpt.ALL) {
            SocketOption<?> k = OptionTable.KERNEL.get(opt);
            o.put(opt, OptionTable.REFUSED.containsKey(opt) ? false : k == null || offered.contains(k));
        }
        return new Support(Map.copyOf(f), java.util.Collections.unmodifiableMap(o));
    }

    private static boolean opens(StandardProtocolFamily family, Set<SocketOption<?>> offered) {
        try (NetworkChannel a = SocketChannel.open(family); NetworkChannel b = DatagramChannel.open(family);
             NetworkChannel c = ServerSocketChannel.open(family)) {
            offered.addAll(a.supportedOptions());
            offered.addAll(b.supportedOptions());
            offered.addAll(c.supportedOptions());
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
