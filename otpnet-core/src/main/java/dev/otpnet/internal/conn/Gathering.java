package dev.otpnet.internal.conn;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A packet whose header announced more than {@link ReceiveBuffer#GATHER_ABOVE} bytes, kept in
 * chunks as its bytes arrive and joined into one array once all of them are there.
 *
 * <p>So a peer that announces 2 GiB costs what it actually sends (a chunk at most ahead), with
 * no buffer that doubles and copies itself on the way: about one byte of memory per byte
 * received, and twice the packet for the moment it is joined. Chunks grow with the packet, from
 * 64 KiB to 1 MiB, so a small start costs little.
 *
 * <p>Thread confinement: used under the receiver's lock, and filled by the reader alone.
 */
final class Gathering {
    private static final int MIN_CHUNK = 64 * 1024;
    private static final int MAX_CHUNK = 1 << 20;

    private final int target;
    private final List<byte[]> full = new ArrayList<>();
    private byte[] current;
    private int fill;
    private long size;

    /** Starts with the bytes already buffered (the header and the start of the body). */
    Gathering(int target, ByteBuffer start) {
        this.target = target;
        byte[] first = new byte[start.remaining()];
        start.get(first);
        full.add(first);
        size = first.length;
    }

    int target() {
        return target;
    }

    long size() {
        return size;
    }

    boolean complete() {
        return size >= target;
    }

    /** A view of at most {@code max} free bytes of the current chunk, never past the packet's end. */
    ByteBuffer space(int max) {
        if (current == null) {
            long left = target - size;
            int chunk = (int) Math.min(left, Math.clamp(size, MIN_CHUNK, MAX_CHUNK));
            current = new byte[chunk];
            fill = 0;
        }
        return ByteBuffer.wrap(current, fill, Math.min(max, current.length - fill));
    }

    void filled(int n) {
        fill += n;
        size += n;
        if (fill == current.length) {
            full.add(current);
            current = null;
        }
    }

    /** The gathered bytes in one array; chunks are let go as they are copied. */
    byte[] join() {
        byte[] all = new byte[(int) size];
        int at = 0;
        for (int i = 0; i < full.size(); i++) {
            byte[] c = full.set(i, null);
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        if (current != null) {
            System.arraycopy(current, 0, all, at, fill);
            current = null;
        }
        full.clear();
        return all;
    }
}
