package dev.otpnet.etf;

/**
 * The tags of Erlang's external term format, version 131, with the layout each introduces.
 * Numbers are big-endian and unsigned unless marked; {@code Term} is a nested encoding (its own
 * tag and body, no version byte). An encoding is {@code 131} followed by one term, or by
 * {@link #COMPRESSED}.
 */
public final class Tag {
    private Tag() {
    }

    /** The version byte that starts every encoding. */
    public static final int VERSION = 131;

    /**
     * A zlib-compressed term ({@code compressed} option). The inflated data is one term
     * (no version byte) of exactly the announced size.
     * <pre>
     * +----+------------------+---------------------+
     * | 80 | UncompressedSize | zlib stream         |
     * +----+------------------+---------------------+
     *   1          4             rest of the input
     * </pre>
     */
    public static final int COMPRESSED = 80;

    /**
     * An integer 0..255.
     * <pre>
     * +----+-----+
     * | 97 | Int |
     * +----+-----+
     *   1     1
     * </pre>
     */
    public static final int SMALL_INTEGER_EXT = 97;

    /**
     * A signed 32-bit integer.
     * <pre>
     * +----+-----------+
     * | 98 | Int (s32) |
     * +----+-----------+
     *   1       4
     * </pre>
     */
    public static final int INTEGER_EXT = 98;

    /**
     * A float in text (minor_version 0): {@code "%.20e"}, NUL-padded.
     * <pre>
     * +----+----------------+
     * | 99 | Float string   |
     * +----+----------------+
     *   1         31
     * </pre>
     */
    public static final int FLOAT_EXT = 99;

    /**
     * A float, IEEE 754 binary64 (minor_version 1 and up). NaN and infinities are refused.
     * <pre>
     * +----+--------------+
     * | 70 | IEEE float   |
     * +----+--------------+
     *   1        8
     * </pre>
     */
    public static final int NEW_FLOAT_EXT = 70;

    /**
     * An old port ({@code ID} 28 bits used, {@code Creation} 8 bits). Decoded only.
     * <pre>
     * +-----+------+----+----------+
     * | 102 | Node | ID | Creation |
     * +-----+------+----+----------+
     *    1     N     4       1
     * </pre>
     */
    public static final int PORT_EXT = 102;

    /**
     * A port ({@code Node} is an atom term).
     * <pre>
     * +----+------+----+----------+
     * | 89 | Node | ID | Creation |
     * +----+------+----+----------+
     *   1     N     4       4
     * </pre>
     */
    public static final int NEW_PORT_EXT = 89;

    /**
     * A port with a 64-bit number (written when the number does not fit 32 bits).
     * <pre>
     * +-----+------+----+----------+
     * | 120 | Node | ID | Creation |
     * +-----+------+----+----------+
     *    1     N     8       4
     * </pre>
     */
    public static final int V4_PORT_EXT = 120;

    /**
     * An old pid (8-bit creation). Decoded only.
     * <pre>
     * +-----+------+----+--------+----------+
     * | 103 | Node | ID | Serial | Creation |
     * +-----+------+----+--------+----------+
     *    1     N     4      4         1
     * </pre>
     */
    public static final int PID_EXT = 103;

    /**
     * A pid.
     * <pre>
     * +----+------+----+--------+----------+
     * | 88 | Node | ID | Serial | Creation |
     * +----+------+----+--------+----------+
     *   1     N     4      4         4
     * </pre>
     */
    public static final int NEW_PID_EXT = 88;

    /**
     * A tuple of up to 255 elements.
     * <pre>
     * +-----+-------+-----------------+
     * | 104 | Arity | Elements (Term) |
     * +-----+-------+-----------------+
     *    1      1       Arity terms
     * </pre>
     */
    public static final int SMALL_TUPLE_EXT = 104;

    /**
     * A tuple of more than 255 elements.
     * <pre>
     * +-----+-------+-----------------+
     * | 105 | Arity | Elements (Term) |
     * +-----+-------+-----------------+
     *    1      4       Arity terms
     * </pre>
     */
    public static final int LARGE_TUPLE_EXT = 105;

    /**
     * A map: {@code Arity} key and value pairs (keys distinct).
     * <pre>
     * +-----+-------+-------------------------+
     * | 116 | Arity | Key1 Value1 ... (Terms) |
     * +-----+-------+-------------------------+
     *    1      4         2 x Arity terms
     * </pre>
     */
    public static final int MAP_EXT = 116;

    /**
     * The empty list {@code []}.
     * <pre>
     * +-----+
     * | 106 |
     * +-----+
     * </pre>
     */
    public static final int NIL_EXT = 106;

    /**
     * A list of 1 to 65535 integers 0..255 (Erlang writes such lists this way).
     * <pre>
     * +-----+--------+------------+
     * | 107 | Length | Characters |
     * +-----+--------+------------+
     *    1      2       Length
     * </pre>
     */
    public static final int STRING_EXT = 107;

    /**
     * A list: {@code Length} elements then the tail ({@link #NIL_EXT} for a proper list).
     * <pre>
     * +-----+--------+-----------------+------+
     * | 108 | Length | Elements (Term) | Tail |
     * +-----+--------+-----------------+------+
     *    1      4       Length terms      N
     * </pre>
     */
    public static final int LIST_EXT = 108;

    /**
     * A binary.
     * <pre>
     * +-----+-----+------+
     * | 109 | Len | Data |
     * +-----+-----+------+
     *    1     4    Len
     * </pre>
     */
    public static final int BINARY_EXT = 109;

    /**
     * A bitstring: {@code Bits} (1..8) bits of the last byte are used, its high ones.
     * <pre>
     * +----+-----+------+------+
     * | 77 | Len | Bits | Data |
     * +----+-----+------+------+
     *   1     4     1     Len
     * </pre>
     */
    public static final int BIT_BINARY_EXT = 77;

    /**
     * An integer of {@code n} bytes, little-endian magnitude; {@code Sign} 0 is positive.
     * <pre>
     * +-----+---+------+-------------+
     * | 110 | n | Sign | d(0)..d(n-1)|
     * +-----+---+------+-------------+
     *    1    1    1         n
     * </pre>
     */
    public static final int SMALL_BIG_EXT = 110;

    /**
     * As {@link #SMALL_BIG_EXT}, for more than 255 bytes.
     * <pre>
     * +-----+---+------+-------------+
     * | 111 | n | Sign | d(0)..d(n-1)|
     * +-----+---+------+-------------+
     *    1    4    1         n
     * </pre>
     */
    public static final int LARGE_BIG_EXT = 111;

    /**
     * An old reference (one ID word, 8-bit creation). Decoded only.
     * <pre>
     * +-----+------+----+----------+
     * | 101 | Node | ID | Creation |
     * +-----+------+----+----------+
     *    1     N     4       1
     * </pre>
     */
    public static final int REFERENCE_EXT = 101;

    /**
     * A reference with {@code Len} ID words and an 8-bit creation. Decoded only.
     * <pre>
     * +-----+-----+------+----------+-------------+
     * | 114 | Len | Node | Creation | ID ...      |
     * +-----+-----+------+----------+-------------+
     *    1     2     N        1       4 x Len
     * </pre>
     */
    public static final int NEW_REFERENCE_EXT = 114;

    /**
     * A reference.
     * <pre>
     * +----+-----+------+----------+-------------+
     * | 90 | Len | Node | Creation | ID ...      |
     * +----+-----+------+----------+-------------+
     *   1     2     N        4       4 x Len
     * </pre>
     */
    public static final int NEWER_REFERENCE_EXT = 90;

    /**
     * A local fun. {@code Size} counts the whole encoding from {@code Size} on; {@code NumFree}
     * free variables follow the other fields.
     * <pre>
     * +-----+------+-------+------+-------+---------+--------+----------+---------+-----+---------+
     * | 112 | Size | Arity | Uniq | Index | NumFree | Module | OldIndex | OldUniq | Pid | Free... |
     * +-----+------+-------+------+-------+---------+--------+----------+---------+-----+---------+
     *    1     4      1      16      4        4        N         N          N       N       N
     * </pre>
     */
    public static final int NEW_FUN_EXT = 112;

    /**
     * An external fun {@code fun M:F/A}.
     * <pre>
     * +-----+--------+----------+-------+
     * | 113 | Module | Function | Arity |
     * +-----+--------+----------+-------+
     *    1     N         N         N
     * </pre>
     */
    public static final int EXPORT_EXT = 113;

    /** The fun encoding before OTP R10; refused, as OTP 23 and later refuse it. */
    public static final int FUN_EXT = 117;

    /**
     * An atom in Latin-1, at most 255 bytes (written by minor_version 0 and 1 for Latin-1 atoms).
     * <pre>
     * +-----+-----+----------+
     * | 100 | Len | AtomName |
     * +-----+-----+----------+
     *    1     2     Len
     * </pre>
     */
    public static final int ATOM_EXT = 100;

    /**
     * An atom in Latin-1 of at most 255 bytes. Decoded only.
     * <pre>
     * +-----+-----+----------+
     * | 115 | Len | AtomName |
     * +-----+-----+----------+
     *    1     1     Len
     * </pre>
     */
    public static final int SMALL_ATOM_EXT = 115;

    /**
     * An atom in UTF-8 (at most 255 characters).
     * <pre>
     * +-----+-----+----------+
     * | 118 | Len | AtomName |
     * +-----+-----+----------+
     *    1     2     Len
     * </pre>
     */
    public static final int ATOM_UTF8_EXT = 118;

    /**
     * An atom in UTF-8 of at most 255 bytes.
     * <pre>
     * +-----+-----+----------+
     * | 119 | Len | AtomName |
     * +-----+-----+----------+
     *    1     1     Len
     * </pre>
     */
    public static final int SMALL_ATOM_UTF8_EXT = 119;

    /** A reference into a distribution header's atom cache: only between connected nodes; refused. */
    public static final int ATOM_CACHE_REF = 82;

    /** The local-term extension of OTP 26 ({@code local} option): node-specific; refused. */
    public static final int LOCAL_EXT = 121;
}
