package dev.otpnet.internal.socket;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A socket's counters, named as Erlang's {@code socket:info/1} names them. */
final class Counters {
    static final List<String> NAMES = List.of("read_byte", "read_pkg", "read_pkg_max", "read_tries", "read_waits",
            "read_fails", "write_byte", "write_pkg", "write_pkg_max", "write_tries", "write_waits", "write_fails",
            "acc_success", "acc_tries", "acc_waits", "acc_fails");

    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    Counters() {
        for (String n : NAMES) {
            values.put(n, new AtomicLong());
        }
    }

    void inc(String name) {
        values.get(name).incrementAndGet();
    }

    /** One packet of {@code bytes} read or written ({@code prefix} is {@code read} or {@code write}). */
    void packet(String prefix, long bytes) {
        values.get(prefix + "_byte").addAndGet(bytes);
        values.get(prefix + "_pkg").incrementAndGet();
        values.get(prefix + "_pkg_max").accumulateAndGet(bytes, Math::max);
    }

    long get(String name) {
        return values.get(name).get();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String n : NAMES) {
            m.put(n, values.get(n).get());
        }
        return m;
    }
}
