package dev.otpnet.etf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The codec's own rules: options, bounds, the model and the Java mapping. Erlang's bytes are TermsDifferentialTest's. */
@Timeout(30)
class TermsTest {

    private static Bytes hex(String s) {
        return Bytes.wrap(HexFormat.of().parseHex(s));
    }

    @Test
    void aTupleOfAnAtomAndABinaryHasErlangsBytes() {
        Term t = Tuple.of(Atom.OK, Binary.utf8("hi"));
        assertEquals("83680277026f6b6d000000026869", Terms.termToBinary(t).hex());
        assertEquals("836802640002" + "6f6b6d000000026869", Terms.termToBinary(t, List.of(Terms.minorVersion(1))).hex());
        assertEquals(t, Terms.binaryToTerm(Terms.termToBinary(t)));
        assertEquals("{ok,<<\"hi\">>}", t.toString());
    }

    @Test
    void atomsAreInternedSoTheyCompareWithIdentity() {
        assertSame(Atom.of("hello_world"), Terms.binaryToTerm(hex("83640b68656c6c6f5f776f726c64".replace("640b", "64000b"))));
        assertSame(Atom.TRUE, Atom.of("true"));
        assertEquals("'EXIT'", Atom.of("EXIT").toString());
        assertThrows(IllegalArgumentException.class, () -> Atom.of("x".repeat(256)));
    }

    @Test
    void usedSaysHowManyBytesTheTermTookAndTrailingBytesAreIgnoredAsInErlang() {
        Bytes in = hex("836101ffff");
        assertEquals(new Int(1), Terms.binaryToTerm(in));
        assertEquals(new Terms.Decoded(new Int(1), 3), Terms.decode(in, List.of()));
        assertEquals(Tuple.of(new Int(1), new Int(3)), Terms.binaryToTerm(in, List.of(Terms.used())));
    }

    @Test
    void safeRefusesAtomsThatDoNotExistAndFunsButTakesKnownAtoms() {
        String fresh = "never_seen_" + System.nanoTime();
        Bytes withFresh = Terms.termToBinary(Tuple.of(Atom.OK, Binary.utf8(fresh)));
        assertEquals(Tuple.of(Atom.OK, Binary.utf8(fresh)), Terms.binaryToTerm(withFresh, List.of(Terms.safe())));

        byte[] name = fresh.getBytes();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(131);
        b.write(119);
        b.write(name.length);
        b.writeBytes(name);
        BadargException e = assertThrows(BadargException.class,
                () -> Terms.binaryToTerm(Bytes.wrap(b.toByteArray()), List.of(Terms.safe())));
        assertTrue(e.getMessage().contains("safe: the atom " + fresh + " is not known"), e.getMessage());
        assertTrue(Atom.existing(fresh).isEmpty(), "a refused atom is not created");

        Bytes fun = Terms.termToBinary(new ErlFun.Export(Atom.of("lists"), Atom.of("map"), 2));
        assertThrows(BadargException.class, () -> Terms.binaryToTerm(fun, List.of(Terms.safe())));
        assertEquals(new ErlFun.Export(Atom.of("lists"), Atom.of("map"), 2), Terms.binaryToTerm(fun));
    }

    @Test
    void safeWithAnExplicitTableTakesOnlyThoseAtoms() {
        Bytes okError = Terms.termToBinary(ErlList.of(Atom.OK, Atom.ERROR));
        assertEquals(ErlList.of(Atom.OK, Atom.ERROR),
                Terms.binaryToTerm(okError, List.of(Terms.safe(Set.of(Atom.OK, Atom.ERROR)))));
        BadargException e = assertThrows(BadargException.class,
                () -> Terms.binaryToTerm(okError, List.of(Terms.safe(Set.of(Atom.OK)))));
        assertTrue(e.getMessage().contains("the atom error is not known"), e.getMessage());
    }

    @Test
    void aLengthThatAnnouncesMoreThanTheInputFailsAtOnceWithItsOffset() {
        // A list of 2^32-1 elements in 6 bytes: refused before any allocation.
        BadargException list = assertThrows(BadargException.class, () -> Terms.binaryToTerm(hex("836cffffffff6a")));
        assertEquals(6, list.offset());
        assertTrue(list.getMessage().contains("4294967295"), list.getMessage());
        assertThrows(BadargException.class, () -> Terms.binaryToTerm(hex("8369ffffffff")));
        assertThrows(BadargException.class, () -> Terms.binaryToTerm(hex("8374ffffffff")));
        assertThrows(BadargException.class, () -> Terms.binaryToTerm(hex("836dffffffff00")));
        assertThrows(BadargException.class, () -> Terms.binaryToTerm(hex("836fffffffff00")));
        BadargException version = assertThrows(BadargException.class, () -> Terms.binaryToTerm(hex("826101")));
        assertEquals(0, version.offset());
        assertThrows(BadargException.class, () -> Terms.binaryToTerm(Bytes.EMPTY));
    }

    @Test
    void nestingDeeperThanTheLimitIsBadargAndTheLimitCanBeRaised() {
        // {{{...{[]}...}}} 1200 levels deep, as Erlang would write it.
        byte[] b = new byte[2 + 2 * 1200];
        b[0] = (byte) 131;
        for (int i = 0; i < 1200; i++) {
            b[1 + 2 * i] = 104;
            b[2 + 2 * i] = 1;
        }
        b[b.length - 1] = 106;
        BadargException e = assertThrows(BadargException.class, () -> Terms.binaryToTerm(Bytes.wrap(b)));
        assertTrue(e.getMessage().contains("deeper than 1000"), e.getMessage());
        assertEquals(1 + 2 * 1001, e.offset());
        Term t = Terms.binaryToTerm(Bytes.wrap(b), List.of(Terms.maxDepth(1200)));
        for (int i = 0; i < 1200; i++) {
            t = ((Tuple) t).get(0);
        }
        assertEquals(ErlList.NIL, t);
    }

    @Test
    void theEncoderTakesTermsAsDeepAsItsLimitOnAProcessThreadAndRefusesDeeperOnes() throws Exception {
        Term deep = ErlList.NIL;
        for (int i = 0; i < Encoder.MAX_DEPTH; i++) {
            deep = i % 2 == 0 ? Tuple.of(deep) : ErlList.of(new Int(i), deep);
        }
        Term atLimit = deep;
        Term over = Tuple.of(deep);
        java.util.concurrent.atomic.AtomicReference<Object> result = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                Bytes b = Terms.termToBinary(atLimit);
                Term back = Terms.binaryToTerm(b, List.of(Terms.maxDepth(Encoder.MAX_DEPTH)));
                result.set(back.equals(atLimit) && back.hashCode() == atLimit.hashCode() && back.toString().length() > 0 ? "ok" : "different");
                Terms.termToBinary(over);
                result.set("no refusal");
            } catch (IllegalArgumentException e) {
                result.compareAndSet("ok", e);
            } catch (Throwable e) {
                result.set(e);
            }
        });
        t.join(20_000);
        assertInstanceOf(IllegalArgumentException.class, result.get(), () -> String.valueOf(result.get()));
        assertTrue(((Exception) result.get()).getMessage().contains("deeper than 1000"));
    }

    @Test
    void aCompressedBombStopsAtItsAnnouncedSize() {
        // 10 MB of zeros inside a binary, announced as 1 KB: refused without inflating it all.
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(z, new Deflater(9))) {
            d.write(new byte[] {109, 0, (byte) 0x98, (byte) 0x96, (byte) 0x80});
            d.write(new byte[10_000_000]);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(new byte[] {(byte) 131, 80, 0, 0, 4, 0});
        in.writeBytes(z.toByteArray());
        BadargException e = assertThrows(BadargException.class, () -> Terms.binaryToTerm(Bytes.wrap(in.toByteArray())));
        assertTrue(e.getMessage().contains("more than the announced 1024"), e.getMessage());
    }

    @Test
    void compressionIsUsedOnlyWhenItDoesNotGrowTheTermAndDecodesBack() {
        Term small = Binary.of((byte) 1, (byte) 2, (byte) 3);
        assertEquals(Terms.termToBinary(small), Terms.termToBinary(small, List.of(Terms.compressed())));
        Term big = new Binary(Bytes.wrap(new byte[10_000]));
        Bytes packed = Terms.termToBinary(big, List.of(Terms.compressed()));
        assertEquals(80, packed.get(1));
        assertTrue(packed.size() < 200);
        assertEquals(big, Terms.binaryToTerm(packed));
        assertEquals(Terms.termToBinary(big), Terms.termToBinary(big, List.of(Terms.compressed(0))));
    }

    @Test
    void deterministicSortsMapKeysInErlangsOrderWhileTheDefaultKeepsTheMapsOwn() {
        LinkedHashMap<Term, Term> m = new LinkedHashMap<>();
        m.put(Binary.utf8("b"), new Int(1));
        m.put(Atom.of("a"), new Int(2));
        m.put(new ErlFloat(1.5), new Int(3));
        m.put(new Int(2), new Int(4));
        ErlMap map = new ErlMap(m);
        ErlMap back = (ErlMap) Terms.binaryToTerm(Terms.termToBinary(map, List.of(Terms.deterministic())));
        assertEquals(List.of(new Int(2), new ErlFloat(1.5), Atom.of("a"), Binary.utf8("b")), List.copyOf(back.entries().keySet()));
        ErlMap same = (ErlMap) Terms.binaryToTerm(Terms.termToBinary(map));
        assertEquals(List.copyOf(m.keySet()), List.copyOf(same.entries().keySet()));
        assertEquals(map, back);
    }

    @Test
    void integersHaveOneFormWhateverTheirEncoding() {
        assertEquals(new Int(5), Terms.binaryToTerm(hex("836e010005")));
        assertEquals(new Int(-5), Terms.binaryToTerm(hex("836e010105")));
        BigInteger huge = BigInteger.TWO.pow(100).negate();
        assertEquals(new BigInt(huge), Terms.binaryToTerm(Terms.termToBinary(Terms.integer(huge))));
        assertInstanceOf(Int.class, Terms.integer(BigInteger.valueOf(Long.MIN_VALUE)));
        assertThrows(IllegalArgumentException.class, () -> new BigInt(BigInteger.ONE));
    }

    @Test
    void listsAreProperOrImproperAndStringsAreListsOfCodes() {
        assertEquals(ErlList.string("hi"), Terms.binaryToTerm(hex("836b00026869")));
        assertEquals("hi", ErlList.string("hi").asString());
        Term improper = ImproperList.of(List.of(new Int(1)), Atom.of("t"));
        assertEquals("[1|t]", improper.toString());
        assertEquals(improper, Terms.binaryToTerm(Terms.termToBinary(improper)));
        assertEquals(ErlList.of(new Int(1), new Int(2)), ImproperList.of(List.of(new Int(1)), ErlList.of(new Int(2))));
    }

    @Test
    void aBitstringKeepsItsBitsAndClearsTheUnusedOnes() {
        Term bits = Terms.binaryToTerm(hex("834d000000020301ff"));
        assertEquals(new BitString(Bytes.of((byte) 1, (byte) 0xe0), 3), bits);
        assertEquals("<<1,7:3>>", bits.toString());
        assertEquals(Binary.of((byte) 0xff), Terms.binaryToTerm(hex("834d0000000108ff")));
    }

    @Test
    void floatsMustBeFiniteAndEqualityIsByBits() {
        assertThrows(BadargException.class, () -> Terms.binaryToTerm(hex("83467ff0000000000000")));
        assertThrows(IllegalArgumentException.class, () -> new ErlFloat(Double.NaN));
        assertNotEquals(new ErlFloat(0.0), new ErlFloat(-0.0));
        assertEquals("1.00000000000000000000e+00", Encoder.floatText(1.0));
        assertEquals("1.00000000000000005551e-01", Encoder.floatText(0.1));
    }

    enum Color { RED, DARK_BLUE }

    record GeoPoint(double lat, double lon) { }

    record Order(long id, String customer, List<GeoPoint> stops, Map<String, Integer> counts, Color color,
            boolean paid, Optional<String> note) { }

    @Test
    void recordsTravelAsTaggedTuplesAndComeBack() {
        Order o = new Order(7, "Ann", List.of(new GeoPoint(1.5, -2.0)), Map.of("x", 3), Color.DARK_BLUE, true,
                Optional.empty());
        Term t = Terms.fromJava(o);
        assertEquals("{order,7,<<\"Ann\">>,[{geo_point,1.5,-2.0}],#{<<\"x\">> => 3},dark_blue,true,undefined}", t.toString());
        assertEquals(o, Terms.toJava(Terms.binaryToTerm(Terms.termToBinary(t)), Order.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Terms.toJava(Tuple.of(Atom.of("geo_point"), new Int(1), Atom.OK), GeoPoint.class));
        assertEquals("term.lon is ok, but a number was expected", e.getMessage());
    }

    @Test
    void plainJavaValuesFollowTheDocumentedRules() {
        assertEquals(Atom.TRUE, Terms.fromJava(true));
        assertEquals(Binary.utf8("é"), Terms.fromJava("é"));
        assertEquals(ErlList.of(new Int(1), Binary.utf8("a")), Terms.fromJava(List.of(1, "a")));
        assertEquals(List.of(1L, Bytes.utf8("a")), Terms.toJava(ErlList.of(new Int(1), Binary.utf8("a"))));
        assertEquals(Map.of(Atom.of("k"), 2.5), Terms.toJava(ErlMap.of(Atom.of("k"), new ErlFloat(2.5))));
        assertEquals(Boolean.FALSE, Terms.toJava(Atom.FALSE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Terms.fromJava(new Object()));
        assertTrue(e.getMessage().startsWith("no Erlang term for a java.lang.Object"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Terms.fromJava(null));
    }

    @Test
    void optionsOutOfRangeAreRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> Terms.minorVersion(3));
        assertThrows(IllegalArgumentException.class, () -> Terms.compressed(10));
        assertThrows(IllegalArgumentException.class, () -> Terms.maxDepth(0));
    }
}
