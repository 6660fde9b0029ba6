package dev.otpnet.etf;

import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A proper Erlang list, {@code [a, b, c]}; {@link #NIL} is {@code []}. An Erlang string
 * ({@code "abc"}) is a list of character codes: {@link #string(String)} builds one and
 * {@link #asString()} reads one back. An improper list is an {@link ImproperList}.
 *
 * <p>On the wire a list of 1 to 65535 integers in 0..255 travels as {@code STRING_EXT}, any other
 * non-empty list as {@code LIST_EXT}, as Erlang does it; both decode to this record.
 */
public record ErlList(List<Term> elements) implements Term {
    public static final ErlList NIL = new ErlList(List.of());

    public ErlList {
        elements = List.copyOf(elements);
    }

    public static ErlList of(Term... elements) {
        return new ErlList(List.of(elements));
    }

    /** An Erlang string (a charlist): one integer per code point of {@code s}. */
    public static ErlList string(String s) {
        return new ErlList(s.codePoints().<Term>mapToObj(c -> new Int(c)).toList());
    }

    /** The list as text, if every element is a Unicode code point; else null. */
    public String asString() {
        StringBuilder sb = new StringBuilder(elements.size());
        for (Term t : elements) {
            if (!(t instanceof Int(long c)) || c < 0 || c > Character.MAX_CODE_POINT || (c >= 0xd800 && c <= 0xdfff)) {
                return null;
            }
            sb.appendCodePoint((int) c);
        }
        return sb.toString();
    }

    public int size() {
        return elements.size();
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    public Term get(int index) {
        return elements.get(index);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (Term e : elements) {
            j.add(Objects.toString(e));
        }
        return j.toString();
    }
}
