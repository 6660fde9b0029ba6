package dev.otpnet.internal.conn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Erlang's driver queue: order, the pending count, and the busy state between the watermarks. */
class DriverQueueTest {
    private static final int HIGH = 100;
    private static final int LOW = 40;

    private static ByteBuffer bytes(int n) {
        return ByteBuffer.allocate(n);
    }

    @Test
    void aFreshQueueIsEmptyAndNotBusy() {
        DriverQueue q = new DriverQueue();
        assertTrue(q.isEmpty());
        assertFalse(q.isBusy());
        assertEquals(0, q.bytes());
    }

    @Test
    void headerAndBodyQueueInOrderAndCountTogether() {
        DriverQueue q = new DriverQueue();
        ByteBuffer h1 = bytes(4);
        ByteBuffer b1 = bytes(10);
        ByteBuffer b2 = bytes(7);
        q.add(h1, b1, 14, HIGH);
        q.add(null, b2, 7, HIGH);
        assertEquals(21, q.bytes());
        assertArrayEquals(new ByteBuffer[] {h1, b1, b2}, q.takeBatch());
        assertTrue(q.isEmpty());
        assertEquals(21, q.bytes(), "a batch counts until it is written");
        q.written(21, LOW);
        assertEquals(0, q.bytes());
    }

    @Test
    void whatAWriteLeftGoesBackToTheFrontInItsOrder() {
        DriverQueue q = new DriverQueue();
        ByteBuffer queued = bytes(5);
        q.add(null, queued, 5, HIGH);
        ByteBuffer header = bytes(4);
        ByteBuffer partly = bytes(10);
        partly.position(6);
        ByteBuffer written = bytes(3);
        written.position(3);
        header.position(4);
        assertEquals(4, q.putBack(new ByteBuffer[] {header, partly, written}, HIGH));
        assertArrayEquals(new ByteBuffer[] {partly, queued}, q.takeBatch());
        assertEquals(9, q.bytes());
    }

    @Test
    void busyAboveTheHighWatermarkUntilBelowTheLowOne() {
        DriverQueue q = new DriverQueue();
        q.add(null, bytes(HIGH), HIGH, HIGH);
        assertFalse(q.isBusy(), "at the high watermark, not above it");
        q.add(null, bytes(1), 1, HIGH);
        assertTrue(q.isBusy());
        q.takeBatch();
        assertFalse(q.written(61, LOW), "40 left: not below the low watermark");
        assertTrue(q.isBusy());
        assertTrue(q.written(1, LOW), "39 left: the write that ends the busy state says so");
        assertFalse(q.isBusy());
        assertFalse(q.written(39, LOW), "not busy: nothing to end");
    }

    @Test
    void aPutBackCanMakeTheQueueBusy() {
        DriverQueue q = new DriverQueue();
        ByteBuffer left = bytes(HIGH + 1);
        q.putBack(new ByteBuffer[] {left}, HIGH);
        assertTrue(q.isBusy());
        assertEquals(HIGH + 1, q.bytes());
    }

    @Test
    void clearingDropsEverythingAndEndsTheBusyState() {
        DriverQueue q = new DriverQueue();
        q.add(null, bytes(HIGH + 1), HIGH + 1, HIGH);
        q.clear();
        assertTrue(q.isEmpty());
        assertFalse(q.isBusy());
        assertEquals(0, q.bytes());
    }
}
