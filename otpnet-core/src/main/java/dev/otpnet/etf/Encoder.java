package dev.otpnet.etf;

import static dev.otpnet.etf.Tag.*;

import dev.otpnet.inet.Bytes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * {@code term_to_binary}: writes the forms Erlang/OTP writes, so that with {@code deterministic}
 * the bytes are Erlang's own (the differential tests hold us to it).
 */
final class Encoder {
    /**
     * How deep a term may nest when encoded: the decoder's default, so whatever decodes by default
     * encodes. Encoding, decoding, equals and toString recurse once per level, and a thread's
     * default 1 MB stack holds about this many levels.
     */
    static final int MAX_DEPTH = Terms.DEFAULT_MAX_DEPTH;

    private final int minorVersion;
    private final boolean deterministic;
    private byte[] out = new byte[64];
    private int n;

    private Encoder(int minorVersion, boolean deterministic) {
        this.minorVersion = minorVersion;
        this.deterministic = deterministic;
    }

    static Bytes encode(Term term, int minorVersion, boolean deterministic, int compressLevel) {
        Encoder e = new Encoder(minorVersion, deterministic);
        e.u8(VERSION);
        e.term(term, 0);
        if (compressLevel > 0) {
            Bytes packed = compress(e.out, e.n, compressLevel);
            if (packed != null) {
                return packed;
            }
        }
        return Bytes.wrap(Arrays.copyOf(e.out, e.n));
    }

    /** Erlang's rule: the compressed form is used unless it is larger than the plain one. */
    private static Bytes compress(byte[] plain, int length, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(plain, 1, length - 1);
            deflater.finish();
            byte[] buf = new byte[length + 64];
            buf[0] = (byte) VERSION;
            buf[1] = (byte) COMPRESSED;
            int size = length - 1;
            buf[2] = (byte) (size >>> 24);
            buf[3] = (byte) (size >>> 16);
            buf[4] = (byte) (size >>> 8);
            buf[5] = (byte) size;
            int m = 6;
            while (!deflater.finished()) {
                if (m == buf.length) {
                    return null;
                }
                m += deflater.deflate(buf, m, buf.length - m);
            }
            return m <= length ? Bytes.wrap(Arrays.copyOf(buf, m)) : null;
        } finally {
            deflater.end();
        }
    }

    private void term(Term t, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("the term nests deeper than " + MAX_DEPTH + " levels; Terms cannot encode it");
        }
        switch (t) {
            case Int(long v) -> integer(v);
            case BigInt(BigInteger v) -> big(v);
            case ErlFloat(double d) -> dbl(d);
            case Atom a -> atom(a);
            case Binary(Bytes b) -> {
                u8(BINARY_EXT);
                u32(b.size());
                bytes(b);
            }
            case BitString(Bytes b, int lastBits) -> {
                u8(BIT_BINARY_EXT);
                u32(b.size());
                u8(lastBits);
                bytes(b);
            }
            case Tuple tuple -> {
                int size = tuple.size();
                if (size <= 255) {
                    u8(SMALL_TUPLE_EXT);
                    u8(size);
                } else {
                    u8(LARGE_TUPLE_EXT);
                    u32(size);
                }
                for (int i = 0; i < size; i++) {
                    term(tuple.get(i), depth + 1);
                }
            }
            case ErlList(List<Term> elements) -> list(elements, null, depth);
            case ImproperList(List<Term> elements, Term tail) -> list(elements, tail, depth);
            case ErlMap(Map<Term, Term> entries) -> map(entries, depth);
            case ErlPid(Atom node, long id, long serial, long creation) -> {
                u8(NEW_PID_EXT);
                atom(node);
                u32(id);
                u32(serial);
                u32(creation);
            }
            case ErlPort(Atom node, long id, long creation) -> {
                // Erlang writes NEW_PORT_EXT only for the 28 bits older nodes can hold.
                boolean small = id >= 0 && id <= 0x0fff_ffffL;
                u8(small ? NEW_PORT_EXT : V4_PORT_EXT);
                atom(node);
                if (small) {
                    u32(id);
                } else {
                    u32(id >>> 32);
                    u32(id & 0xffff_ffffL);
                }
                u32(creation);
            }
            case ErlRef r -> {
                u8(NEWER_REFERENCE_EXT);
                u16(r.words());
                atom(r.node());
                u32(r.creation());
                for (int i = 0; i < r.words(); i++) {
                    u32(r.word(i) & 0xffff_ffffL);
                }
            }
            case ErlFun.Export(Atom module, Atom function, int arity) -> {
                u8(EXPORT_EXT);
                atom(module);
                atom(function);
                u8(SMALL_INTEGER_EXT);
                u8(arity);
            }
            case ErlFun.Local f -> localFun(f, depth);
        }
    }

    private void localFun(ErlFun.Local f, int depth) {
        u8(NEW_FUN_EXT);
        int sizeAt = n;
        u32(0);
        u8(f.arity());
        bytes(f.uniq());
        u32(f.index());
        u32(f.free().size());
        atom(f.module());
        integer(f.oldIndex());
        integer(f.oldUniq());
        term(f.pid(), depth + 1);
        for (Term t : f.free()) {
            term(t, depth + 1);
        }
        int size = n - sizeAt;
        out[sizeAt] = (byte) (size >>> 24);
        out[sizeAt + 1] = (byte) (size >>> 16);
        out[sizeAt + 2] = (byte) (size >>> 8);
        out[sizeAt + 3] = (byte) size;
    }

    private void integer(long v) {
        if (v >= 0 && v <= 255) {
            u8(SMALL_INTEGER_EXT);
            u8((int) v);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            u8(INTEGER_EXT);
            u32(v & 0xffff_ffffL);
        } else {
            big(BigInteger.valueOf(v));
        }
    }

    private void big(BigInteger v) {
        byte[] be = v.abs().toByteArray();
        int skip = be[0] == 0 ? 1 : 0;
        int len = be.length - skip;
        if (len <= 255) {
            u8(SMALL_BIG_EXT);
            u8(len);
        } else {
            u8(LARGE_BIG_EXT);
            u32(len);
        }
        u8(v.signum() < 0 ? 1 : 0);
        ensure(len);
        for (int i = 0; i < len; i++) {
            out[n++] = be[be.length - 1 - i];
        }
    }

    private void dbl(double d) {
        if (minorVersion == 0) {
            u8(FLOAT_EXT);
            byte[] text = new byte[31];
            byte[] s = floatText(d).getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(s, 0, text, 0, s.length);
            ensure(31);
            System.arraycopy(text, 0, out, n, 31);
            n += 31;
        } else {
            u8(NEW_FLOAT_EXT);
            long bits = Double.doubleToRawLongBits(d);
            u32(bits >>> 32);
            u32(bits & 0xffff_ffffL);
        }
    }

    /** C's {@code "%.20e"}: the exact binary value rounded to 21 significant digits. */
    static String floatText(double d) {
        if (d == 0) {
            return (Double.doubleToRawLongBits(d) < 0 ? "-" : "") + "0.00000000000000000000e+00";
        }
        BigDecimal exact = new BigDecimal(d).round(new MathContext(21, RoundingMode.HALF_EVEN));
        String digits = exact.unscaledValue().abs().toString();
        while (digits.length() < 21) {
            digits = digits + "0";
        }
        digits = digits.substring(0, 21);
        int exponent = exact.precision() - exact.scale() - 1;
        String e = String.format("%02d", Math.abs(exponent));
        return (d < 0 ? "-" : "") + digits.charAt(0) + "." + digits.substring(1) + "e" + (exponent < 0 ? "-" : "+") + e;
    }

    private void atom(Atom a) {
        String name = a.name();
        if (minorVersion < 2 && a.isLatin1()) {
            u8(ATOM_EXT);
            u16(name.length());
            bytes(name.getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= 255) {
            u8(SMALL_ATOM_UTF8_EXT);
            u8(utf8.length);
        } else {
            u8(ATOM_UTF8_EXT);
            u16(utf8.length);
        }
        bytes(utf8);
    }

    private void list(List<Term> elements, Term tail, int depth) {
        if (elements.isEmpty() && tail == null) {
            u8(NIL_EXT);
            return;
        }
        if (tail == null && elements.size() <= 65535 && allBytes(elements)) {
            u8(STRING_EXT);
            u16(elements.size());
            ensure(elements.size());
            for (Term e : elements) {
                out[n++] = (byte) ((Int) e).value();
            }
            return;
        }
        u8(LIST_EXT);
        u32(elements.size());
        for (Term e : elements) {
            term(e, depth + 1);
        }
        if (tail == null) {
            u8(NIL_EXT);
        } else {
            term(tail, depth + 1);
        }
    }

    private static boolean allBytes(List<Term> elements) {
        for (Term e : elements) {
            if (!(e instanceof Int(long v)) || v < 0 || v > 255) {
                return false;
            }
        }
        return true;
    }

    private void map(Map<Term, Term> entries, int depth) {
        u8(MAP_EXT);
        u32(entries.size());
        Iterable<Map.Entry<Term, Term>> order = entries.entrySet();
        if (deterministic) {
            List<Map.Entry<Term, Term>> sorted = new ArrayList<>(entries.entrySet());
            sorted.sort(Map.Entry.comparingByKey(TermOrder.INSTANCE));
            order = sorted;
        }
        for (Map.Entry<Term, Term> e : order) {
            term(e.getKey(), depth + 1);
            term(e.getValue(), depth + 1);
        }
    }

    // ------------------------------------------------------------------ primitives

    private void ensure(int more) {
        if (n + more > out.length) {
            long want = Math.max((long) out.length * 2, (long) n + more);
            if (want > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the encoding would exceed 2 GiB");
            }
            out = Arrays.copyOf(out, (int) want);
        }
    }

    private void u8(int v) {
        ensure(1);
        out[n++] = (byte) v;
    }

    private void u16(int v) {
        ensure(2);
        out[n++] = (byte) (v >>> 8);
        out[n++] = (byte) v;
    }

    private void u32(long v) {
        ensure(4);
        out[n++] = (byte) (v >>> 24);
        out[n++] = (byte) (v >>> 16);
        out[n++] = (byte) (v >>> 8);
        out[n++] = (byte) v;
    }

    private void bytes(Bytes b) {
        ensure(b.size());
        b.copyTo(out, n);
        n += b.size();
    }

    private void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, out, n, b.length);
        n += b.length;
    }
}
