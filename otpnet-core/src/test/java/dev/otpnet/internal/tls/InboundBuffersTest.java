package dev.otpnet.internal.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The buffers of a TLS connection's inbound side: a read that found nothing lets every buffer go
 * when nothing is held, keeps them (and their bytes) when a partial record or plaintext is held,
 * and the next fill starts from a fresh small buffer. On heap buffers (the JDK's engine) and
 * direct ones (BoringSSL).
 */
@Timeout(10)
class InboundBuffersTest {
    private static final int PACKET = 16_709;
    private static final int APP = 16_384;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aReadThatFindsNothingLetsEveryBufferGo(boolean direct) {
        InboundBuffers b = new InboundBuffers(direct, PACKET, APP, null);
        assertTrue(b.holdsBuffers());
        ByteBuffer fill = b.forFill(PACKET);
        assertEquals(InboundBuffers.IDLE_IN, fill.capacity(), "an idle read offers the small buffer");
        b.filled(0, fill.remaining());
        b.release();
        assertFalse(b.holdsBuffers());
        assertEquals(0, b.net().remaining());

        fill = b.forFill(PACKET);
        assertEquals(InboundBuffers.IDLE_IN, fill.remaining(), "the next fill takes a small buffer again");
        byte[] record = {23, 3, 3, 0, 2, 7, 8};
        fill.put(record);
        b.filled(record.length, InboundBuffers.IDLE_IN);
        b.release();
        assertTrue(b.holdsBuffers(), "bytes held: nothing goes");
        byte[] got = new byte[record.length];
        b.net().get(got);
        assertArrayEquals(record, got);
        b.release();
        assertFalse(b.holdsBuffers());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void heldPlaintextKeepsItsBuffers(boolean direct) {
        InboundBuffers b = new InboundBuffers(direct, PACKET, APP, null);
        b.appForUnwrap().put(new byte[] {1, 2, 3});
        b.unwrapped();
        ByteBuffer fill = b.forFill(PACKET);
        b.filled(0, fill.remaining());
        b.release();
        assertTrue(b.holdsBuffers());
        ByteBuffer dst = ByteBuffer.allocate(8);
        assertEquals(3, b.transferTo(dst));
        assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOf(dst.array(), 3));
        b.release();
        assertFalse(b.holdsBuffers());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFullIdleBufferGrowsIntoARecordBuffer(boolean direct) {
        InboundBuffers b = new InboundBuffers(direct, PACKET, APP, null);
        b.release();
        ByteBuffer fill = b.forFill(PACKET);
        byte[] part = new byte[fill.remaining()];
        for (int i = 0; i < part.length; i++) {
            part[i] = (byte) i;
        }
        fill.put(part);
        b.filled(part.length, part.length);
        fill = b.forFill(PACKET);
        assertTrue(fill.capacity() >= PACKET, "a streaming read moves to a record buffer");
        assertEquals(part.length, fill.position(), "with the bytes it had");
        b.filled(0, fill.remaining());
        byte[] got = new byte[part.length];
        b.net().get(got);
        assertArrayEquals(part, got);
    }
}
