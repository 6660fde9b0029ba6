package dev.otpnet.inet;

import dev.otpnet.internal.packet.ErlTerms;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable sequence of bytes: Erlang's binary.
 *
 * <p>Sockets in {@code binary} mode deliver {@code Bytes}; in {@code list} mode they deliver a
 * {@link String} with one char per byte (ISO-8859-1), like Erlang's byte lists. Equality is by
 * value. {@link #toString()} prints like Erlang's shell: {@code <<"text">>} when every byte is
 * printable, else {@code <<1,2,3>>}.
 *
 * <p>Instances are safe to share between threads.
 */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);

    private final byte[] array;
    private final int offset;
    private final int length;
    private int hash;

    private Bytes(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** A copy of {@code bytes}. */
    public static Bytes of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone(), 0, bytes.length);
    }

    /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static Bytes copyOf(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length), 0, length);
    }

    /** A copy of the remaining bytes of {@code buffer}; its position is not changed. */
    public static Bytes copyOf(ByteBuffer buffer) {
        byte[] a = new byte[buffer.remaining()];
        buffer.duplicate().get(a);
        return wrap(a);
    }

    /**
     * Takes ownership of {@code bytes} without copying: the caller must never modify the array
     * afterwards. Used on hot paths where the array was freshly allocated for this value.
     */
    public static Bytes wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes, 0, bytes.length);
    }

    /** As {@link #wrap(byte[])}, over a range of the array. */
    public static Bytes wrap(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        return length == 0 ? EMPTY : new Bytes(bytes, offset, length);
    }

    /** The ISO-8859-1 bytes of {@code s}: one byte per char, as Erlang's list_to_binary. */
    public static Bytes latin1(String s) {
        return wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The UTF-8 bytes of {@code s}. */
    public static Bytes utf8(String s) {
        return wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** The byte at {@code index}, as an unsigned value 0..255. */
    public int get(int index) {
        java.util.Objects.checkIndex(index, length);
        return array[offset + index] & 0xff;
    }

    /** The bytes from {@code from} (inclusive) to {@code to} (exclusive), sharing storage. */
    public Bytes slice(int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, length);
        if (from == 0 && to == length) {
            return this;
        }
        return from == to ? EMPTY : new Bytes(array, offset + from, to - from);
    }

    public Bytes concat(Bytes other) {
        if (other.length == 0) {
            return this;
        }
        if (length == 0) {
            return other;
        }
        byte[] a = new byte[length + other.length];
        System.arraycopy(array, offset, a, 0, length);
        System.arraycopy(other.array, other.offset, a, length, other.length);
        return new Bytes(a, 0, a.length);
    }

    /** A fresh copy of the bytes. */
    public byte[] toArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** A read-only view of the bytes. */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(array, offset, length).slice().asReadOnlyBuffer();
    }

    /** Copies the bytes into {@code dst} at {@code dstOffset}. */
    public void copyTo(byte[] dst, int dstOffset) {
        System.arraycopy(array, offset, dst, dstOffset, length);
    }

    /** Writes the bytes into {@code dst}. */
    public void copyTo(ByteBuffer dst) {
        dst.put(array, offset, length);
    }

    /** One char per byte (ISO-8859-1): what a {@code list} mode socket delivers. */
    public String latin1() {
        return new String(array, offset, length, StandardCharsets.ISO_8859_1);
    }

    public String utf8() {
        return new String(array, offset, length, StandardCharsets.UTF_8);
    }

    public String hex() {
        return HexFormat.of().formatHex(array, offset, offset + length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b
                && Arrays.equals(array, offset, offset + length, b.array, b.offset, b.offset + b.length);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && length > 0) {
            h = 1;
            for (int i = offset; i < offset + length; i++) {
                h = 31 * h + array[i];
            }
            hash = h;
        }
        return h;
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(array, offset, offset + length, o.array, o.offset, o.offset + o.length);
    }

    /**
     * Erlang's {@code ~p} notation: {@code <<"abc">>} when printable, else {@code <<1,2,3>>}. Values
     * over 64 bytes are cut, with their size: {@code <<"abc"...(1000 bytes)>>}.
     */
    @Override
    public String toString() {
        final int max = 64;
        if (length <= max) {
            return ErlTerms.binary(this);
        }
        String head = ErlTerms.binary(slice(0, max));
        return head.substring(0, head.length() - 2) + "...(" + length + " bytes)>>";
    }
}
