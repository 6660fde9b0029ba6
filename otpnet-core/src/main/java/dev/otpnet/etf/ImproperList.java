package dev.otpnet.etf;

import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * An improper Erlang list, {@code [a, b | c]}: at least one element, and a tail that is not a
 * list. {@link #of} normalises a list tail away (Erlang's {@code [a | [b]]} is the proper
 * {@code [a, b]}).
 */
public record ImproperList(List<Term> elements, Term tail) implements Term {
    public ImproperList {
        elements = List.copyOf(elements);
        Objects.requireNonNull(tail, "tail");
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("an improper list has at least one element before its tail");
        }
        if (tail instanceof ErlList || tail instanceof ImproperList) {
            throw new IllegalArgumentException("the tail " + tail + " is a list: use ImproperList.of to build a proper list");
        }
    }

    /** {@code [elements... | tail]}, which is proper when {@code tail} is a list. */
    public static Term of(List<Term> elements, Term tail) {
        return switch (tail) {
            case ErlList(var rest) -> new ErlList(concat(elements, rest));
            case ImproperList(var rest, var t) -> new ImproperList(concat(elements, rest), t);
            default -> elements.isEmpty() ? tail : new ImproperList(elements, tail);
        };
    }

    private static List<Term> concat(List<Term> a, List<Term> b) {
        if (a.isEmpty()) {
            return b;
        }
        var all = new java.util.ArrayList<Term>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(",", "[", "|" + tail + "]");
        for (Term e : elements) {
            j.add(e.toString());
        }
        return j.toString();
    }
}
