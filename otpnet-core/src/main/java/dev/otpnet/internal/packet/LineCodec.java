package dev.otpnet.internal.packet;

import java.nio.ByteBuffer;

/**
 * {@code line}: bytes up to and including the delimiter ({@code \n} unless
 * {@code line_delimiter} says otherwise). The packet keeps the delimiter.
 *
 * <pre>
 * +---------------------------------+-----+
 * |  line bytes (no delimiter)      | \n  |      packet = line + delimiter
 * +---------------------------------+-----+
 *
 * with {line_length, 4}:  "abcdefghij\n"  ->  "abcd", "efgh", "ij\n"
 * </pre>
 *
 * <p>Erlang's order of checks: with no delimiter yet, more than {@code packet_size} bytes waiting
 * is an error, else at least {@code line_length} bytes waiting makes a packet of
 * {@code line_length} bytes; with a delimiter, a line (delimiter included) over
 * {@code packet_size} is an error, else one over {@code line_length} is cut to that length.
 *
 * <p>The scan resumes where it stopped: each byte is looked at once however the line arrives, and
 * after a cut the delimiter already found is remembered.
 */
public final class LineCodec implements Codec {
    private final byte delimiter;
    private final int packetSize;
    private final int lineLength;
    /** Bytes from the packet start known to hold no delimiter. */
    private int scanned;

    LineCodec(byte delimiter, int packetSize, int lineLength) {
        this.delimiter = delimiter;
        this.packetSize = packetSize;
        this.lineLength = lineLength;
    }

    @Override
    public int length(ByteBuffer in) {
        int start = in.position();
        int n = in.remaining();
        int at = indexOf(in, start + scanned, start + n, delimiter);
        if (at < 0) {
            scanned = n;
            if (packetSize != 0 && n > packetSize) {
                return TOO_LARGE;
            }
            if (lineLength != 0 && n >= lineLength) {
                return lineLength;
            }
            return NEED_MORE;
        }
        int len = at - start + 1;
        scanned = len - 1;
        if (packetSize != 0 && len > packetSize) {
            return TOO_LARGE;
        }
        if (lineLength != 0 && len > lineLength) {
            return lineLength;
        }
        return len;
    }

    @Override
    public Object packet(ByteBuffer in, int length, Slicer slicer) {
        // What was scanned past a cut is still delimiter-free from the next packet's start.
        scanned = Math.max(0, scanned - length);
        return slicer.slice(in, in.position(), length);
    }

    /** How far the scan has got, from the packet start (for tests). */
    int scannedSoFar() {
        return scanned;
    }

    /** Absolute index of the first {@code b} in {@code [from, to)}, or -1. */
    static int indexOf(ByteBuffer in, int from, int to, byte b) {
        if (in.hasArray()) {
            byte[] a = in.array();
            int off = in.arrayOffset();
            for (int i = from + off, end = to + off; i < end; i++) {
                if (a[i] == b) {
                    return i - off;
                }
            }
            return -1;
        }
        for (int i = from; i < to; i++) {
            if (in.get(i) == b) {
                return i;
            }
        }
        return -1;
    }
}
