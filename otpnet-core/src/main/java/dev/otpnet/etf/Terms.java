package dev.otpnet.etf;

import dev.otpnet.inet.Bytes;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Erlang's {@code term_to_binary} and {@code binary_to_term}: the external term format (version
 * 131) that Erlang and Elixir peers put in their {@code {packet, 4}} frames. Pure functions over
 * bytes, no I/O.
 *
 * <pre>{@code
 * Bytes wire = Terms.termToBinary(Tuple.of(Atom.of("ok"), Binary.utf8("hello")));
 * Term back = Terms.binaryToTerm(wire);                      // {ok,<<"hello">>}
 * Term untrusted = Terms.binaryToTerm(packet, List.of(Terms.safe()));
 * }</pre>
 *
 * <h2>Encoding</h2>
 * Every term is written in the form Erlang/OTP writes it ({@link Tag} has the layouts):
 * integers as {@code SMALL_INTEGER_EXT}, {@code INTEGER_EXT} or a bignum; lists of bytes as
 * {@code STRING_EXT}; pids, ports and references in their current forms. Options, as
 * {@code term_to_binary/2}: {@link #compressed()} (zlib, used only when smaller, as in Erlang),
 * {@link #minorVersion(int)} (default 2, OTP 26's default: atoms in UTF-8; 1 is OTP 25's, with
 * Latin-1 atoms as {@code ATOM_EXT}), and {@link #deterministic()} (map keys in term order, giving
 * Erlang's own bytes). Without {@code deterministic} a map is written in its own iteration order.
 *
 * <h2>Decoding</h2>
 * Every tag Erlang/OTP 25 to 27 writes is read, and the older forms still accepted (Latin-1
 * atoms, {@code PID_EXT}, {@code PORT_EXT}, {@code REFERENCE_EXT}, {@code NEW_REFERENCE_EXT},
 * {@code FLOAT_EXT}). Decoding is bounded: a length field that announces more than the input
 * holds fails before anything is allocated for it, nesting is limited ({@link #maxDepth(int)}),
 * a compressed term inflates no further than its announced size. Bad input is a
 * {@link BadargException} with the offset. As in Erlang, bytes after the term are ignored;
 * {@link #decode} says how many were used. {@link #safe()} is for peers you do not trust.
 *
 * <h2>Java values</h2>
 * {@link #fromJava(Object)} and {@link #toJava(Term)} convert between terms and plain Java
 * values; {@link #toJava(Term, Class)} fills a record. The rules are at those methods.
 */
public final class Terms {
    /** The default nesting limit of {@link #binaryToTerm}. */
    public static final int DEFAULT_MAX_DEPTH = 1000;

    private Terms() {
    }

    /** A decoded term and how many bytes of the input it took (Erlang's {@code used}). */
    public record Decoded(Term term, int used) {
    }

    // ------------------------------------------------------------------ encode

    /** {@code term_to_binary(Term)}. */
    public static Bytes termToBinary(Term term) {
        return termToBinary(term, List.of());
    }

    /** {@code term_to_binary(Term, Options)}. */
    public static Bytes termToBinary(Term term, List<? extends EncodeOption> options) {
        Objects.requireNonNull(term, "term");
        int minor = 2;
        boolean deterministic = false;
        int level = 0;
        for (EncodeOption o : options) {
            switch (o) {
                case EncodeOption.Compressed(int l) -> level = l;
                case EncodeOption.MinorVersion(int v) -> minor = v;
                case EncodeOption.Deterministic d -> deterministic = true;
            }
        }
        return Encoder.encode(term, minor, deterministic, level);
    }

    /** {@code term_to_binary} of {@link #fromJava(Object) fromJava(value)}. */
    public static Bytes termToBinary(Object value, List<? extends EncodeOption> options) {
        return termToBinary(fromJava(value), options);
    }

    /** {@code compressed}: zlib level 6, as Erlang's. */
    public static EncodeOption compressed() {
        return new EncodeOption.Compressed(6);
    }

    /** {@code {compressed, Level}}, 0..9. */
    public static EncodeOption compressed(int level) {
        return new EncodeOption.Compressed(level);
    }

    /** {@code {minor_version, Version}}, 0..2. */
    public static EncodeOption minorVersion(int version) {
        return new EncodeOption.MinorVersion(version);
    }

    /** {@code deterministic}. */
    public static EncodeOption deterministic() {
        return new EncodeOption.Deterministic();
    }

    // ------------------------------------------------------------------ decode

    /** {@code binary_to_term(Binary)}. */
    public static Term binaryToTerm(Bytes binary) {
        return decode(binary, List.of()).term();
    }

    /**
     * {@code binary_to_term(Binary, Options)}. With {@link #used()} the answer is Erlang's
     * {@code {Term, Used}} tuple; {@link #decode} gives the same as a record.
     */
    public static Term binaryToTerm(Bytes binary, List<? extends DecodeOption> options) {
        Decoded d = decode(binary, options);
        return options.stream().anyMatch(o -> o instanceof DecodeOption.Used)
                ? Tuple.of(d.term(), new Int(d.used())) : d.term();
    }

    /** The term at the start of {@code binary} and the number of bytes it took. */
    public static Decoded decode(Bytes binary, List<? extends DecodeOption> options) {
        Objects.requireNonNull(binary, "binary");
        DecodeOption.Safe safe = null;
        int maxDepth = DEFAULT_MAX_DEPTH;
        for (DecodeOption o : options) {
            switch (o) {
                case DecodeOption.Safe s -> safe = s;
                case DecodeOption.MaxDepth(int depth) -> maxDepth = depth;
                case DecodeOption.Used u -> { }
            }
        }
        return Decoder.decode(binary, safe, maxDepth);
    }

    /** {@code safe}: only atoms that already exist, and no funs. */
    public static DecodeOption safe() {
        return new DecodeOption.Safe(null);
    }

    /** {@code safe} against an explicit atom table: only these atoms, and no funs. */
    public static DecodeOption safe(Set<Atom> atoms) {
        return new DecodeOption.Safe(Objects.requireNonNull(atoms, "atoms"));
    }

    /** {@code used}. */
    public static DecodeOption used() {
        return new DecodeOption.Used();
    }

    /** The nesting limit; deeper input is {@code badarg}. */
    public static DecodeOption maxDepth(int depth) {
        return new DecodeOption.MaxDepth(depth);
    }

    // ------------------------------------------------------------------ Java values

    /** The integer term of {@code value}: an {@link Int} when it fits a long, else a {@link BigInt}. */
    public static Term integer(BigInteger value) {
        return value.bitLength() < 64 ? new Int(value.longValue()) : new BigInt(value);
    }

    /**
     * A Java value as a term:
     * <ul>
     *   <li>a {@link Term} is itself; {@code Boolean} is the atom {@code true} or {@code false};</li>
     *   <li>{@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger} are integers;
     *       {@code Character} is its code as an integer;</li>
     *   <li>{@code Float} and {@code Double} are floats (not NaN or infinite);</li>
     *   <li>{@code String} is a UTF-8 binary (an Elixir string; for an Erlang charlist use
     *       {@link ErlList#string});</li>
     *   <li>{@code Bytes} and {@code byte[]} are binaries;</li>
     *   <li>an enum constant is the atom of its name in lower case ({@code RED} is {@code red});</li>
     *   <li>a {@code java.util.List}, {@code Set} or other collection, or an {@code Object[]}, is a list;</li>
     *   <li>a {@code java.util.Map} is a map;</li>
     *   <li>{@code Optional.empty()} is {@code undefined}, a present one is its value;</li>
     *   <li>a record is a tuple tagged with its simple name in snake case, then its components:
     *       {@code record GeoPoint(double lat, double lon)} is {@code {geo_point, Lat, Lon}}, as an
     *       Erlang record.</li>
     * </ul>
     *
     * @throws IllegalArgumentException for {@code null} or any other type, naming it
     */
    public static Term fromJava(Object value) {
        return JavaValues.fromJava(value);
    }

    /**
     * A term as a plain Java value: {@code true}/{@code false} are {@code Boolean}, other atoms
     * stay {@link Atom}; integers are {@code Long} or {@code BigInteger}; floats {@code Double};
     * binaries {@link Bytes}; proper lists {@code List<Object>}; tuples {@code List<Object>}
     * (immutable, like the lists: use {@link #toJava(Term, Class)} to tell them apart); maps
     * {@code Map<Object, Object>} in their order; bitstrings, improper lists, pids, ports,
     * references and funs stay terms.
     */
    public static Object toJava(Term term) {
        return JavaValues.toJava(term);
    }

    /**
     * A term as a value of {@code type}: a record from its tagged tuple (the reverse of
     * {@link #fromJava}; the tag must match), primitives and their boxes from integers, floats and
     * atoms, {@code String} from a binary (UTF-8) or a charlist, an enum from its atom, a
     * {@code List<X>} or {@code Map<K, V>} element by element (generic arguments are followed),
     * {@code Bytes}, any {@link Term} subtype as is, {@code Object} as {@link #toJava(Term)}.
     *
     * @throws IllegalArgumentException when the term does not have the shape {@code type} needs,
     *     saying where
     */
    public static <T> T toJava(Term term, Class<T> type) {
        @SuppressWarnings("unchecked")
        T value = (T) JavaValues.toJava(term, (Type) type, "term");
        return value;
    }
}
