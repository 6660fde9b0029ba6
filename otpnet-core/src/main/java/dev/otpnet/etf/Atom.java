package dev.otpnet.etf;

import dev.otpnet.internal.packet.ErlTerms;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An Erlang atom. Atoms are interned, as in the Erlang VM: {@link #of} returns the same instance
 * for the same name, so atoms compare with {@code ==} and match in a {@code switch} guard.
 *
 * <p>As in Erlang, the atom table only grows: it holds at most {@link #LIMIT} atoms (Erlang's
 * default {@code +t}), and a decode that would pass the limit fails. Data from an untrusted peer
 * should be decoded with {@link Terms#safe()}, which accepts only atoms that already exist.
 *
 * <p>A name is at most 255 characters (code points), as in Erlang.
 */
public final class Atom implements Term, Comparable<Atom> {
    /** The most atoms the table holds: Erlang's default atom table size. */
    public static final int LIMIT = 1_048_576;
    private static final ConcurrentHashMap<String, Atom> TABLE = new ConcurrentHashMap<>();

    public static final Atom TRUE = of("true");
    public static final Atom FALSE = of("false");
    public static final Atom OK = of("ok");
    public static final Atom ERROR = of("error");
    public static final Atom UNDEFINED = of("undefined");
    public static final Atom NIL = of("nil");

    private final String name;

    private Atom(String name) {
        this.name = name;
    }

    /**
     * The atom named {@code name}, created if it does not exist yet.
     *
     * @throws IllegalArgumentException if the name has more than 255 characters
     * @throws IllegalStateException if the atom table is full ({@code system_limit})
     */
    public static Atom of(String name) {
        Objects.requireNonNull(name, "name");
        Atom a = TABLE.get(name);
        if (a != null) {
            return a;
        }
        if (name.codePointCount(0, name.length()) > 255) {
            throw new IllegalArgumentException("an atom has at most 255 characters; this name has "
                    + name.codePointCount(0, name.length()));
        }
        if (TABLE.size() >= LIMIT) {
            throw new IllegalStateException("system_limit: the atom table is full (" + LIMIT + " atoms)");
        }
        return TABLE.computeIfAbsent(name, Atom::new);
    }

    /** Erlang's {@code binary_to_existing_atom}: the atom if it exists, without creating it. */
    public static Optional<Atom> existing(String name) {
        return Optional.ofNullable(TABLE.get(name));
    }

    /** The atom {@code true} or {@code false}. */
    public static Atom of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public String name() {
        return name;
    }

    /** Whether every character is Latin-1, so that the old {@code ATOM_EXT} form can carry it. */
    boolean isLatin1() {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) > 0xff) {
                return false;
            }
        }
        return true;
    }

    /** Erlang's order of atoms: by code points. */
    @Override
    public int compareTo(Atom o) {
        if (this == o) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < name.length() && j < o.name.length()) {
            int a = name.codePointAt(i);
            int b = o.name.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(name.length() - i, o.name.length() - j);
    }

    /** The atom as Erlang prints it: {@code ok}, {@code 'EXIT'}, {@code 'hello world'}. */
    @Override
    public String toString() {
        return ErlTerms.atom(name);
    }
}
