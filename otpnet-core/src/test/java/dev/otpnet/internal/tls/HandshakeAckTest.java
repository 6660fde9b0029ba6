package dev.otpnet.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.otpnet.internal.wire.Wire;
import dev.otpnet.ssl.ClientHello;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server acknowledges the client's last flight as soon as its handshake ends
 * ({@link Wire#acknowledgeNow}), so that a client whose Finished and first request Nagle's
 * algorithm splits does not wait for a delayed ACK: BoringSSL answers the Finished with nothing
 * until the server's first write (its session tickets wait for it). Measured with Python's
 * {@code ssl} (no TCP_NODELAY) against the bench's echo server on BoringSSL: the first echo
 * after the handshake took 44 ms at the median before, 1 ms after. A client acknowledges nothing
 * early: its handshake ends with its own write.
 */
@Timeout(60)
class HandshakeAckTest {

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aJdkServerAcknowledgesTheClientsLastFlightOnce(String version) throws Exception {
        Loopback.Pair pair = Loopback.pair();
        Counting server = new Counting(pair.server());
        Counting client = new Counting(pair.client());
        TlsWire s = TlsWire.server(server, JdkContexts.serverEngines(TlsWireTest.SERVER_CTX, false, true, "TLSv1.3", "TLSv1.2"));
        Future<Optional<ClientHello>> accepted = Io.THREADS.submit(() -> s.handshake(10_000));
        TlsWire c = TlsWire.client(client,
                new TlsEngine(JdkContexts.client(TlsWireTest.CLIENT_CTX, version, "localhost", 4433), null, true, "localhost"));
        c.handshake(10_000);
        accepted.get();
        assertEquals(1, server.acks.get(), "the server, once its handshake ended");
        assertEquals(0, client.acks.get(), "the client ends by writing");
        c.close();
        s.close();
        pair.close();
    }

    @Test
    void aBoringSslServerAcknowledgesTheClientsFinishedOnce() throws Exception {
        Loopback.Pair pair = Loopback.pair();
        Counting server = new Counting(pair.server());
        TlsWire s = TlsWire.server(server, TlsContextFactory.of(NativeEngineTest.server()));
        Future<Optional<ClientHello>> accepted = Io.THREADS.submit(() -> s.handshake(10_000));
        TlsWire c = TlsWire.client(pair.client(), TlsContextFactory.of(NativeEngineTest.client()).clientEngine("localhost", 1));
        c.handshake(10_000);
        accepted.get();
        assertEquals(1, server.acks.get());
        Io.write(c, "after");
        assertEquals("after", Io.readString(s, 5));
        c.close();
        s.close();
        pair.close();
    }

    @Test
    void aTcpWireAcknowledgesWhileOpenAndIgnoresItOnceClosed() throws Exception {
        Loopback.Pair pair = Loopback.pair();
        Io.write(pair.client(), "x");
        assertEquals("x", Io.readString(pair.server(), 1));
        pair.server().acknowledgeNow();
        pair.close();
        pair.server().acknowledgeNow(); // closed: nothing to acknowledge, nothing thrown
    }

    /** A wire that counts {@link #acknowledgeNow} and passes everything on. */
    private static final class Counting implements Wire {
        private final Wire inner;
        final AtomicInteger acks = new AtomicInteger();

        Counting(Wire inner) {
            this.inner = inner;
        }

        @Override
        public void acknowledgeNow() {
            acks.incrementAndGet();
            inner.acknowledgeNow();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return inner.read(dst);
        }

        @Override
        public void write(ByteBuffer[] srcs) throws IOException {
            inner.write(srcs);
        }

        @Override
        public long writeSome(ByteBuffer[] srcs) throws IOException {
            return inner.writeSome(srcs);
        }

        @Override
        public void shutdownOutput() throws IOException {
            inner.shutdownOutput();
        }

        @Override
        public void shutdownInput() throws IOException {
            inner.shutdownInput();
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public void abort() {
            inner.abort();
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public SocketAddress localAddress() throws IOException {
            return inner.localAddress();
        }

        @Override
        public SocketAddress remoteAddress() throws IOException {
            return inner.remoteAddress();
        }
    }
}
