package dev.otpnet.etf;

import dev.otpnet.inet.Bytes;

/**
 * The decoder's reading primitives over one byte array: big-endian numbers, and the checks that
 * keep decoding bounded ({@link #need}, {@link #count}). Every failure is a
 * {@link BadargException} carrying the offset.
 */
abstract class ByteReader {
    final byte[] in;
    int pos;
    final int end;
    /** Appended to messages: " of the inflated data" when reading a compressed term's body. */
    private final String where;

    ByteReader(byte[] in, int pos, int end, String where) {
        this.in = in;
        this.pos = pos;
        this.end = end;
        this.where = where;
    }


    Bytes bytes(int len) {
        need(len);
        Bytes b = Bytes.copyOf(in, pos, len);
        pos += len;
        return b;
    }

    /** A count from the input as an int, refused when it cannot fit what remains at {@code perItem} bytes each. */
    int count(long n, int perItem) {
        if (n * perItem > end - pos) {
            throw fail("a count of " + n + " announces more than the " + (end - pos) + " bytes that remain");
        }
        return (int) n;
    }

    void need(long n) {
        if (n > end - pos || n < 0) {
            throw fail(n + " bytes are needed but " + (end - pos) + " remain");
        }
    }

    int u8() {
        need(1);
        return in[pos++] & 0xff;
    }

    int u16() {
        need(2);
        int v = ((in[pos] & 0xff) << 8) | (in[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    int s32() {
        need(4);
        int v = ((in[pos] & 0xff) << 24) | ((in[pos + 1] & 0xff) << 16) | ((in[pos + 2] & 0xff) << 8) | (in[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    long u32() {
        return s32() & 0xffff_ffffL;
    }

    long s64() {
        return (u32() << 32) | u32();
    }

    BadargException fail(String why) {
        return failAt(pos, why);
    }

    BadargException failAt(int offset, String why) {
        return new BadargException(offset, why + where);
    }
}
