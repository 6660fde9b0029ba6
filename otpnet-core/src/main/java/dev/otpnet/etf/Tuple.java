package dev.otpnet.etf;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * An Erlang tuple, {@code {ok, Value}}: a record over an array, with value equality.
 * {@link #get} is 0-based ({@code get(0)} is Erlang's {@code element(1, T)}).
 *
 * <pre>{@code
 * if (term instanceof Tuple t && t.is("ok", 2)) { use(t.get(1)); }
 * }</pre>
 */
public record Tuple(Term[] elements) implements Term {
    public static final Tuple EMPTY = new Tuple(new Term[0]);

    public Tuple {
        elements = elements.clone();
        for (int i = 0; i < elements.length; i++) {
            Objects.requireNonNull(elements[i], () -> "tuple element is null");
        }
    }

    public static Tuple of(Term... elements) {
        return new Tuple(elements);
    }

    /** Erlang's {@code tuple_size}. */
    public int size() {
        return elements.length;
    }

    /** The element at 0-based {@code index}. */
    public Term get(int index) {
        return elements[index];
    }

    /** A copy of the elements. */
    @Override
    public Term[] elements() {
        return elements.clone();
    }

    public List<Term> asList() {
        return List.of(elements);
    }

    /** Erlang's {@code is_record(T, Tag, Size)}: the tuple has {@code size} elements, the first the atom {@code tag}. */
    public boolean is(String tag, int size) {
        return elements.length == size && size > 0 && elements[0] instanceof Atom a && a.name().equals(tag);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tuple t && Arrays.equals(elements, t.elements);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(elements);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(",", "{", "}");
        for (Term e : elements) {
            j.add(e.toString());
        }
        return j.toString();
    }
}
