package dev.otpnet.etf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * An Erlang map, {@code #{Key => Value}}. It keeps the order it was built or decoded in;
 * {@code term_to_binary} writes that order, and with {@link Terms#deterministic()} Erlang's term
 * order instead (the bytes Erlang's {@code deterministic} gives). Equality ignores order.
 */
public record ErlMap(Map<Term, Term> entries) implements Term {
    public static final ErlMap EMPTY = new ErlMap(Map.of());

    public ErlMap {
        LinkedHashMap<Term, Term> copy = new LinkedHashMap<>(entries.size() * 2);
        entries.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "map key"), Objects.requireNonNull(v, "map value")));
        entries = Collections.unmodifiableMap(copy);
    }

    /** {@code #{k1 => v1, k2 => v2, ...}} from alternating keys and values. */
    public static ErlMap of(Term... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("ErlMap.of takes keys and values in pairs; got " + keysAndValues.length + " terms");
        }
        LinkedHashMap<Term, Term> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new ErlMap(m);
    }

    public int size() {
        return entries.size();
    }

    public Term get(Term key) {
        return entries.get(key);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(",", "#{", "}");
        entries.forEach((k, v) -> j.add(k + " => " + v));
        return j.toString();
    }
}
