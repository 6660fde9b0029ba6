package dev.otpnet.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plaintext scanner follows records byte by byte, reassembles a handshake message split
 * across feeds, and stops at the first ChangeCipherSpec, letting its buffer go: a connection
 * keeps its two scanners for as long as it lives.
 */
@Timeout(10)
class HandshakeScannerTest {
    private static final byte[] HELLO_RECORD = {22, 3, 3, 0, 8, 1, 0, 0, 4, 10, 11, 12, 13};
    private static final byte[] CCS_RECORD = {20, 3, 3, 0, 1, 1};

    private final List<String> seen = new ArrayList<>();
    private final HandshakeScanner.Sink sink = new HandshakeScanner.Sink() {
        @Override
        public void message(int type, ByteBuffer body) {
            seen.add("message " + type + " of " + body.remaining());
        }

        @Override
        public void alert(int level, int description) {
            seen.add("alert " + level + " " + description);
        }
    };

    @Test
    void aMessageSplitByteByByteIsDeliveredThenChangeCipherSpecStopsAndLetsGo() throws HelloRejected {
        HandshakeScanner scanner = new HandshakeScanner(false, 1 << 16, sink);
        for (byte b : HELLO_RECORD) {
            scanner.feed(ByteBuffer.wrap(new byte[] {b}));
        }
        scanner.feed(ByteBuffer.wrap(new byte[] {21, 3, 3, 0, 2, 1, 0}));
        assertEquals(List.of("message 1 of 4", "alert 1 0"), seen);
        assertTrue(scanner.collecting());
        scanner.feed(ByteBuffer.wrap(CCS_RECORD));
        assertTrue(scanner.stopped());
        assertFalse(scanner.collecting(), "a stopped scanner holds no buffer");
        scanner.feed(ByteBuffer.wrap(HELLO_RECORD));
        assertEquals(2, seen.size(), "nothing is scanned after it stopped");
    }

    @Test
    void stopCollectingLetsTheBufferGoButAlertsStillCount() throws HelloRejected {
        HandshakeScanner scanner = new HandshakeScanner(false, 1 << 16, sink);
        scanner.feed(ByteBuffer.wrap(HELLO_RECORD));
        scanner.stopCollecting();
        assertFalse(scanner.collecting());
        scanner.feed(ByteBuffer.wrap(HELLO_RECORD));
        scanner.feed(ByteBuffer.wrap(new byte[] {21, 3, 3, 0, 2, 2, 40}));
        assertEquals(List.of("message 1 of 4", "alert 2 40"), seen);
    }

    @Test
    void aStrictScannerRefusesChangeCipherSpecBeforeTheHello() {
        HandshakeScanner scanner = new HandshakeScanner(true, 1 << 16, sink);
        HelloRejected e = assertThrows(HelloRejected.class, () -> scanner.feed(ByteBuffer.wrap(CCS_RECORD)));
        assertEquals("{unexpected_record_type,20}", e.detail());
    }

    @Test
    void aLenientScannerStopsAtGarbageAndLetsGo() throws HelloRejected {
        HandshakeScanner scanner = new HandshakeScanner(false, 1 << 16, sink);
        scanner.feed(ByteBuffer.wrap(new byte[] {99, 3, 3, 0, 1, 0}));
        assertTrue(scanner.stopped());
        assertFalse(scanner.collecting());
    }
}
