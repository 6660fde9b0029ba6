package dev.otpnet.internal.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.otpnet.ssl.ClientHello;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A TLS connection gives its record buffers back whenever it waits with nothing buffered, reads
 * the next record into a small buffer and moves to a pooled one when the record does not fit.
 * Messages of sizes around those bounds, each echoed before the next is sent (so every read
 * starts idle), arrive intact, read through small destinations as the socket layer reads, and
 * while another connection uses the pool at the same time; on the JDK's engine (heap buffers)
 * and on BoringSSL (direct ones).
 */
@Timeout(60)
class IdleBuffersTest {
    private static final int[] SIZES = {1, 100, InboundBuffers.IDLE_IN - 30, InboundBuffers.IDLE_IN, InboundBuffers.IDLE_IN + 1, 600,
        5000, 16_384, 16_385, 40_000, 1, 100_000, 3};

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void messagesOfEverySizeEchoIntactBetweenIdleWaits(String version) throws Exception {
        try (TlsWireTest.Connected a = TlsWireTest.connect(version);
                TlsWireTest.Connected b = TlsWireTest.connect(version)) {
            Future<?> other = Io.THREADS.submit(() -> {
                echoAll(b, 11);
                return null;
            });
            echoAll(a, 5);
            other.get();
        }
    }

    @Test
    void messagesOfEverySizeEchoIntactOnBoringSsl() throws Exception {
        try (TlsWireTest.Connected a = boring(); TlsWireTest.Connected b = boring()) {
            Future<?> other = Io.THREADS.submit(() -> {
                echoAll(b, 12);
                return null;
            });
            echoAll(a, 6);
            other.get();
        }
    }

    private static TlsWireTest.Connected boring() throws Exception {
        Loopback.Pair pair = Loopback.pair();
        TlsWire server = TlsWire.server(pair.server(), TlsContextFactory.of(NativeEngineTest.server()));
        Future<Optional<ClientHello>> accepted = Io.THREADS.submit(() -> server.handshake(10_000));
        TlsWire client = TlsWire.client(pair.client(),
                TlsContextFactory.of(NativeEngineTest.client()).clientEngine("localhost", 1));
        client.handshake(10_000);
        accepted.get();
        return new TlsWireTest.Connected(client, server, pair);
    }

    private static void echoAll(TlsWireTest.Connected c, long seed) throws Exception {
        Random random = new Random(seed);
        Future<?> echo = Io.THREADS.submit(() -> {
            for (int size : SIZES) {
                Io.write(c.server(), readInSmallPieces(c.server(), size));
            }
            return null;
        });
        for (int size : SIZES) {
            byte[] message = new byte[size];
            random.nextBytes(message);
            Io.write(c.client(), message);
            assertArrayEquals(message, readInSmallPieces(c.client(), size), "a message of " + size + " bytes");
        }
        echo.get();
    }

    /** Reads exactly n bytes through a 256-byte destination, as an idle socket's reader does. */
    private static byte[] readInSmallPieces(TlsWire w, int n) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(n);
        ByteBuffer piece = ByteBuffer.allocate(256);
        while (all.hasRemaining()) {
            piece.clear().limit(Math.min(256, all.remaining()));
            if (w.read(piece) < 0) {
                throw new IOException("end of stream after " + all.position() + " of " + n + " bytes");
            }
            all.put(piece.flip());
        }
        return all.array();
    }
}
