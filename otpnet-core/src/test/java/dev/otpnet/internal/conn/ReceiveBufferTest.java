package dev.otpnet.internal.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.otpnet.inet.Bytes;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A packet handed out of the receive buffer as a view (lent) stays as it was delivered: no later
 * read, compaction or growth writes into its array, and the bytes after it are kept.
 */
class ReceiveBufferTest {
    private static final int PACKET = 70_000;

    /** Reads {@code bytes} into the buffer as the reader would, in reads of at most what is offered. */
    private static void arrive(ReceiveBuffer b, byte[] bytes, int target) {
        int done = 0;
        while (done < bytes.length) {
            ByteBuffer space = b.space(target, true);
            int offered = space.remaining();
            int n = Math.min(offered, bytes.length - done);
            space.put(bytes, done, n);
            b.filled(n, offered);
            done += n;
        }
    }

    private static byte[] pattern(int n, int seed) {
        byte[] a = new byte[n];
        for (int i = 0; i < n; i++) {
            a[i] = (byte) (i * 31 + seed);
        }
        return a;
    }

    @Test
    void aLargePacketIsLentAndNeverOverwritten() {
        ReceiveBuffer b = new ReceiveBuffer();
        byte[] first = pattern(PACKET, 1);
        arrive(b, first, PACKET);
        ByteBuffer bytes = b.bytes();
        Bytes lent = b.slicer.slice(bytes, bytes.position(), PACKET);
        bytes.position(bytes.position() + PACKET);
        assertEquals(Bytes.wrap(first), lent);

        byte[] second = pattern(PACKET, 2);
        arrive(b, second, PACKET);
        assertNotSame(bytes, b.bytes(), "the next read goes to another buffer");
        assertEquals(Bytes.wrap(first), lent, "the lent packet is as delivered");
        ByteBuffer now = b.bytes();
        byte[] got = new byte[now.remaining()];
        now.get(got);
        assertEquals(Bytes.wrap(second), Bytes.wrap(got));
    }

    /** Without the move, the next read would compact the lent array, over the packet. */
    @Test
    void theBytesAfterALentPacketMoveToTheNextBuffer() {
        ReceiveBuffer b = new ReceiveBuffer();
        byte[] packet = pattern(PACKET, 3);
        byte[] after = pattern(100, 4);
        byte[] wire = Arrays.copyOf(packet, PACKET + after.length);
        System.arraycopy(after, 0, wire, PACKET, after.length);
        arrive(b, wire, wire.length);
        ByteBuffer bytes = b.bytes();
        Bytes lent = b.slicer.slice(bytes, bytes.position(), PACKET);
        bytes.position(bytes.position() + PACKET);

        byte[] more = pattern(500, 5);
        arrive(b, more, after.length + more.length);
        assertEquals(Bytes.wrap(packet), lent);
        byte[] got = new byte[b.bytes().remaining()];
        b.bytes().get(got);
        byte[] want = Arrays.copyOf(after, after.length + more.length);
        System.arraycopy(more, 0, want, after.length, more.length);
        assertEquals(Bytes.wrap(want), Bytes.wrap(got));
    }

    @Test
    void smallPacketsAndPooledBuffersAreCopied() {
        ReceiveBuffer b = new ReceiveBuffer();
        byte[] small = pattern(100, 6);
        arrive(b, small, 1);
        ByteBuffer bytes = b.bytes();
        Bytes copy = b.slicer.slice(bytes, bytes.position(), small.length);
        bytes.position(bytes.position() + small.length);
        arrive(b, pattern(100, 7), 1);
        assertSame(bytes, b.bytes(), "the small buffer is kept: nothing was lent");
        assertEquals(Bytes.wrap(small), copy);
    }
}
