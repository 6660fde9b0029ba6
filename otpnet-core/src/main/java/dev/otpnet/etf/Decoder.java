package dev.otpnet.etf;

import static dev.otpnet.etf.Tag.*;

import dev.otpnet.inet.Bytes;
import dev.otpnet.internal.packet.ErlTerms;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code binary_to_term}: one pass over the input, recursive with a depth bound. Every length
 * field is checked against the bytes that remain before anything is allocated for it (each
 * element of a tuple, list or map takes at least one byte), so memory stays proportional to the
 * input; a compressed term is inflated in steps, never beyond its announced size.
 */
final class Decoder extends ByteReader {
    private static final Int[] SMALL = new Int[256];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new Int(i);
        }
    }

    private static final java.util.regex.Pattern FLOAT_TEXT =
            java.util.regex.Pattern.compile("[+-]?[0-9]+[.,][0-9]+([eE][+-]?[0-9]+)?");

    private final DecodeOption.Safe safe;
    private final int maxDepth;

    private Decoder(byte[] in, int pos, int end, DecodeOption.Safe safe, int maxDepth, String where) {
        super(in, pos, end, where);
        this.safe = safe;
        this.maxDepth = maxDepth;
    }

    /** Decodes the term at the start of {@code input}; returns it with the bytes it used. */
    static Terms.Decoded decode(Bytes input, DecodeOption.Safe safe, int maxDepth) {
        byte[] a = input.toArray();
        Decoder d = new Decoder(a, 0, a.length, safe, maxDepth, "");
        int version = d.u8();
        if (version != VERSION) {
            throw new BadargException(0, "the first byte is " + version + ", not the version byte 131");
        }
        if (d.pos < d.end && (a[d.pos] & 0xff) == COMPRESSED) {
            return d.compressed();
        }
        Term t = d.term(0);
        return new Terms.Decoded(t, d.pos);
    }

    private Terms.Decoded compressed() {
        pos++;
        long size = u32();
        Inflated inflated = Inflated.of(in, pos, end, size, this::fail);
        Decoder inner = new Decoder(inflated.data(), 0, inflated.data().length, safe, maxDepth, " of the inflated data");
        Term t = inner.term(0); // as in Erlang, inflated bytes after the term are ignored
        return new Terms.Decoded(t, pos + inflated.consumed());
    }

    private Term term(int depth) {
        if (depth > maxDepth) {
            throw fail("terms nest deeper than " + maxDepth + " (raise it with Terms.maxDepth)");
        }
        int start = pos;
        int tag = u8();
        return switch (tag) {
            case SMALL_INTEGER_EXT -> SMALL[u8()];
            case INTEGER_EXT -> new Int(s32());
            case NEW_FLOAT_EXT -> finite(Double.longBitsToDouble(s64()), start);
            case FLOAT_EXT -> textFloat(start);
            case ATOM_EXT, SMALL_ATOM_EXT, ATOM_UTF8_EXT, SMALL_ATOM_UTF8_EXT -> atomBody(tag);
            case SMALL_TUPLE_EXT -> tuple(u8(), depth);
            case LARGE_TUPLE_EXT -> tuple(count(u32(), 1), depth);
            case NIL_EXT -> ErlList.NIL;
            case STRING_EXT -> string();
            case LIST_EXT -> list(depth);
            case BINARY_EXT -> new Binary(bytes(count(u32(), 1)));
            case BIT_BINARY_EXT -> bits();
            case SMALL_BIG_EXT -> big(u8());
            case LARGE_BIG_EXT -> big(count(u32(), 1));
            case MAP_EXT -> map(depth);
            case NEW_PID_EXT, PID_EXT -> pid(tag);
            case NEW_PORT_EXT, PORT_EXT, V4_PORT_EXT -> port(tag);
            case NEWER_REFERENCE_EXT, NEW_REFERENCE_EXT -> ref(tag);
            case REFERENCE_EXT -> oldRef();
            case EXPORT_EXT -> export(start);
            case NEW_FUN_EXT -> localFun(start, depth);
            case FUN_EXT -> throw failAt(start, "FUN_EXT (117) is the pre-R10 fun encoding, refused since OTP 23");
            case ATOM_CACHE_REF -> throw failAt(start, "ATOM_CACHE_REF (82) only exists inside a distribution message");
            case COMPRESSED -> throw failAt(start, "a compressed term (80) may only follow the version byte");
            default -> throw failAt(start, "unknown tag " + tag);
        };
    }

    // ------------------------------------------------------------------ numbers

    private Term finite(double d, int start) {
        if (!Double.isFinite(d)) {
            throw failAt(start, "a float must be finite; Erlang has no NaN or infinity");
        }
        return new ErlFloat(d);
    }

    /**
     * {@code FLOAT_EXT}: text up to the first NUL of 31 bytes, in the one shape Erlang's
     * {@code sys_chars_to_double} accepts (sign, digits, a point or comma, digits, exponent).
     */
    private Term textFloat(int start) {
        need(31);
        int n = 0;
        while (n < 31 && in[pos + n] != 0) {
            n++;
        }
        String text = new String(in, pos, n, StandardCharsets.ISO_8859_1);
        pos += 31;
        if (!FLOAT_TEXT.matcher(text).matches()) {
            throw failAt(start, "FLOAT_EXT holds \"" + text + "\", not a float");
        }
        return finite(Double.parseDouble(text.replace(',', '.')), start);
    }

    private Term big(int n) {
        int sign = u8();
        need(n);
        byte[] magnitude = new byte[n];
        for (int i = 0; i < n; i++) {
            magnitude[n - 1 - i] = in[pos + i];
        }
        pos += n;
        BigInteger v = new BigInteger(1, magnitude);
        return Terms.integer(sign == 0 ? v : v.negate());
    }

    // ------------------------------------------------------------------ atoms

    private Atom atom() {
        int start = pos;
        int tag = u8();
        return switch (tag) {
            case ATOM_EXT, SMALL_ATOM_EXT, ATOM_UTF8_EXT, SMALL_ATOM_UTF8_EXT -> atomBody(tag);
            default -> throw failAt(start, "an atom was expected here, found tag " + tag);
        };
    }

    private Atom atomBody(int tag) {
        int start = pos - 1;
        int len = tag == ATOM_EXT || tag == ATOM_UTF8_EXT ? u16() : u8();
        boolean latin1 = tag == ATOM_EXT || tag == SMALL_ATOM_EXT;
        if (latin1 && len > 255) {
            throw failAt(start, "a Latin-1 atom of " + len + " characters; at most 255 are allowed");
        }
        need(len);
        String name;
        if (latin1) {
            name = new String(in, pos, len, StandardCharsets.ISO_8859_1);
        } else {
            try {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(in, pos, len));
                name = chars.toString();
            } catch (CharacterCodingException e) {
                throw failAt(start, "the atom's name is not valid UTF-8");
            }
            if (name.codePointCount(0, name.length()) > 255) {
                throw failAt(start, "an atom of " + name.codePointCount(0, name.length())
                        + " characters; at most 255 are allowed");
            }
        }
        pos += len;
        if (safe != null && !safe.known(name)) {
            throw failAt(start, "safe: the atom " + ErlTerms.atom(name) + " is not known");
        }
        try {
            return Atom.of(name);
        } catch (IllegalStateException e) {
            throw failAt(start, e.getMessage());
        }
    }

    // ------------------------------------------------------------------ containers

    private Tuple tuple(int arity, int depth) {
        need(arity);
        Term[] elements = new Term[arity];
        for (int i = 0; i < arity; i++) {
            elements[i] = term(depth + 1);
        }
        return new Tuple(elements);
    }

    private ErlList string() {
        int len = u16();
        need(len);
        List<Term> chars = new ArrayList<>(len);
        for (int i = 0; i < len; i++) {
            chars.add(SMALL[in[pos + i] & 0xff]);
        }
        pos += len;
        return new ErlList(chars);
    }

    private Term list(int depth) {
        long n = u32();
        int len = count(n, 1);
        need(len + 1L);
        List<Term> elements = new ArrayList<>(len);
        for (int i = 0; i < len; i++) {
            elements.add(term(depth + 1));
        }
        Term tail = term(depth + 1);
        return ImproperList.of(elements, tail);
    }

    private ErlMap map(int depth) {
        int start = pos - 1;
        int arity = count(u32(), 2);
        need(2L * arity);
        LinkedHashMap<Term, Term> entries = LinkedHashMap.newLinkedHashMap(arity);
        for (int i = 0; i < arity; i++) {
            int keyAt = pos;
            Term k = term(depth + 1);
            Term v = term(depth + 1);
            if (entries.putIfAbsent(k, v) != null) {
                throw failAt(keyAt, "the map at offset " + start + " has the key " + k + " twice");
            }
        }
        return new ErlMap(entries);
    }

    private Term bits() {
        int start = pos - 1;
        int len = count(u32(), 1);
        int lastBits = u8();
        if (len == 0 ? lastBits != 0 : lastBits < 1 || lastBits > 8) {
            throw failAt(start, "a bitstring of " + len + " bytes cannot use " + lastBits + " bits of its last byte");
        }
        return BitString.of(bytes(len), len == 0 ? 8 : lastBits);
    }

    // ------------------------------------------------------------------ identifiers

    private ErlPid pid(int tag) {
        int start = pos - 1;
        Atom node = atom();
        long id = u32();
        long serial = u32();
        long creation = tag == PID_EXT ? oldCreation(start) : u32();
        return new ErlPid(node, id, serial, creation);
    }

    private ErlPort port(int tag) {
        int start = pos - 1;
        Atom node = atom();
        long id = tag == V4_PORT_EXT ? s64() : u32();
        long creation = tag == PORT_EXT ? oldCreation(start) : u32();
        return new ErlPort(node, id, creation);
    }

    private ErlRef ref(int tag) {
        int start = pos - 1;
        int len = u16();
        boolean old = tag == NEW_REFERENCE_EXT;
        if (old ? len < 1 || len > 3 : len > 5) {
            throw failAt(start, "a " + (old ? "NEW_REFERENCE_EXT has 1 to 3" : "reference has 0 to 5")
                    + " ID words, not " + len);
        }
        Atom node = atom();
        long creation = old ? oldCreation(start) : u32();
        need(4L * len);
        int[] ids = new int[len];
        for (int i = 0; i < len; i++) {
            ids[i] = s32();
        }
        if (old) {
            requireOldRefWord(start, ids[0]);
        }
        return new ErlRef(node, creation, ids);
    }

    private ErlRef oldRef() {
        int start = pos - 1;
        Atom node = atom();
        int id = s32();
        long creation = oldCreation(start);
        requireOldRefWord(start, id);
        return new ErlRef(node, creation, new int[] {id});
    }

    /** The old forms' 8-bit creation holds 2 bits. */
    private long oldCreation(int start) {
        int c = u8();
        if (c > 3) {
            throw failAt(start, "the old forms' creation is 0..3, not " + c);
        }
        return c;
    }

    /** The old references' first word holds 18 bits. */
    private void requireOldRefWord(int start, int word) {
        if ((word & 0xffff_ffffL) > 0x3ffff) {
            throw failAt(start, "an old reference's first word holds 18 bits, not " + Integer.toUnsignedString(word));
        }
    }

    // ------------------------------------------------------------------ funs

    private ErlFun export(int start) {
        refuseFunIfSafe(start);
        Atom module = atom();
        Atom function = atom();
        int arityAt = pos;
        long arity = integer();
        if (arity < 0 || arity > 255) {
            throw failAt(arityAt, "an external fun's arity is 0..255, not " + arity);
        }
        return new ErlFun.Export(module, function, (int) arity);
    }

    private ErlFun localFun(int start, int depth) {
        refuseFunIfSafe(start);
        long size = u32();
        need(size - 4);
        int arity = u8();
        Bytes uniq = bytes(16);
        long index = u32();
        long numFree = u32();
        Atom module = atom();
        long oldIndex = integer();
        long oldUniq = integer();
        Term pid = term(depth + 1);
        if (!(pid instanceof ErlPid creator)) {
            throw failAt(start, "a local fun's creator must be a pid, not " + pid);
        }
        need(numFree);
        List<Term> free = new ArrayList<>((int) numFree);
        for (long i = 0; i < numFree; i++) {
            free.add(term(depth + 1));
        }
        if (pos - (start + 1) != size) {
            throw failAt(start, "the local fun announces " + size + " bytes but holds " + (pos - start - 1));
        }
        return new ErlFun.Local(module, arity, uniq, index, oldIndex, oldUniq, creator, free);
    }

    /** An integer that must be in SMALL_INTEGER_EXT or INTEGER_EXT form. */
    private long integer() {
        int at = pos;
        int tag = u8();
        return switch (tag) {
            case SMALL_INTEGER_EXT -> u8();
            case INTEGER_EXT -> s32();
            default -> throw failAt(at, "an integer was expected here, found tag " + tag);
        };
    }

    private void refuseFunIfSafe(int start) {
        if (safe != null) {
            throw failAt(start, "safe: funs are refused");
        }
    }
}
