package dev.otpnet.internal.tls;

import dev.otpnet.internal.wire.TcpWire;

import dev.otpnet.testing.TestPki;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.AlertLevel;
import dev.otpnet.ssl.ConnectionInfo;
import dev.otpnet.ssl.SslError;
import dev.otpnet.ssl.TlsAlert;
import dev.otpnet.ssl.TlsVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class TlsWireTest {
    static final SSLContext SERVER_CTX = JdkContexts.context(TestPki.SERVER, TestPki.anchors());
    static final SSLContext CLIENT_CTX = JdkContexts.context(null, TestPki.anchors());

    record Connected(TlsWire client, TlsWire server, Loopback.Pair pair) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            server.close();
            pair.close();
        }
    }

    static Connected connect(String version, SSLContext clientCtx, ServerEngines engines) throws Exception {
        Loopback.Pair pair = Loopback.pair();
        TlsWire server = TlsWire.server(pair.server(), engines);
        Future<Optional<dev.otpnet.ssl.ClientHello>> accepted = Io.THREADS.submit(() -> server.handshake(10_000));
        TlsWire client = TlsWire.client(pair.client(),
                new TlsEngine(JdkContexts.client(clientCtx, version, "localhost", 4433), null, true, "localhost"));
        client.handshake(10_000);
        accepted.get();
        return new Connected(client, server, pair);
    }

    static Connected connect(String version) throws Exception {
        return connect(version, CLIENT_CTX, JdkContexts.serverEngines(SERVER_CTX, false, true, "TLSv1.3", "TLSv1.2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void clientAndServerExchangeBytesBothWays(String version) throws Exception {
        try (Connected c = connect(version)) {
            Io.write(c.client(), "ping");
            assertEquals("ping", Io.readString(c.server(), 4));
            Io.write(c.server(), "pong!");
            assertEquals("pong!", Io.readString(c.client(), 5));
            ConnectionInfo info = c.client().connectionInformation();
            assertEquals(TlsVersion.parse(version).orElseThrow(), info.protocol());
            assertEquals("aead", info.cipherSuite().mac());
            assertEquals(TestPki.SERVER.certificate(), info.peerCertificate().orElseThrow());
            assertEquals("localhost", info.sniHostname());
            assertEquals("localhost", c.server().connectionInformation().sniHostname());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aMegabyteInGatheredBuffersArrivesIntactWhileTheOtherSideWritesToo(String version) throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        try (Connected c = connect(version)) {
            Future<byte[]> echoed = Io.THREADS.submit(() -> Io.read(c.server(), data.length));
            Future<?> serverTalks = Io.THREADS.submit(() -> {
                Io.write(c.server(), data);
                return null;
            });
            ByteBuffer[] parts = {ByteBuffer.wrap(data, 0, 1000).slice(), ByteBuffer.wrap(data, 1000, 300_000).slice(),
                ByteBuffer.wrap(data, 301_000, data.length - 301_000).slice()};
            c.client().write(parts);
            byte[] back = Io.read(c.client(), data.length);
            assertArrayEquals(data, echoed.get());
            assertArrayEquals(data, back);
            serverTalks.get();
        }
    }

    @Test
    void closeNotifyEndsTheStreamWithMinusOne() throws Exception {
        try (Connected c = connect("TLSv1.3")) {
            Io.write(c.server(), "bye");
            c.server().close();
            assertEquals("bye", new String(Io.readAll(c.client())));
            assertFalse(c.client().truncated());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aTransportEndWithoutCloseNotifyIsReportedAsTruncation(String version) throws Exception {
        try (Connected c = connect(version)) {
            Io.write(c.server(), "partial");
            assertEquals("partial", Io.readString(c.client(), 7));
            c.pair().server().close();
            InetException e = assertThrows(InetException.class, () -> c.client().read(ByteBuffer.allocate(100)));
            assertEquals(TlsWire.TRUNCATED, e.reason());
            assertEquals("{closed,truncated}", e.reason().toString());
            assertTrue(c.client().truncated());
        }
    }

    @Test
    void aHandshakeThatGetsNoAnswerTimesOut() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            TlsWire client = TlsWire.client(pair.client(), TlsEngine.of(JdkContexts.client(CLIENT_CTX, "TLSv1.3", "localhost", 1)));
            InetException e = assertThrows(InetException.class, () -> client.handshake(300));
            assertEquals(InetError.TIMEOUT, e.reason());
            assertFalse(client.isOpen());
        }
    }

    @Test
    void aServerHandshakeThatGetsNoHelloTimesOut() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            TlsWire server = TlsWire.server(pair.server(), JdkContexts.serverEngines(SERVER_CTX, false, true, "TLSv1.3"));
            InetException e = assertThrows(InetException.class, () -> server.handshake(300));
            assertEquals(InetError.TIMEOUT, e.reason());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aClientThatDoesNotTrustTheServerFailsWithAnAlertOnBothSides(String version) throws Exception {
        SSLContext distrusting = JdkContexts.context(null, java.util.List.of(TestPki.OTHER_CA.certificate()));
        try (Loopback.Pair pair = Loopback.pair()) {
            TlsWire server = TlsWire.server(pair.server(), JdkContexts.serverEngines(SERVER_CTX, false, true, "TLSv1.3", "TLSv1.2"));
            Future<InetException> serverSide = Io.THREADS.submit(() -> assertThrows(InetException.class, () -> server.handshake(10_000)));
            TlsWire client = TlsWire.client(pair.client(), TlsEngine.of(JdkContexts.client(distrusting, version, "localhost", 1)));
            InetException e = assertThrows(InetException.class, () -> client.handshake(10_000));
            TlsAlert mine = assertInstanceOf(TlsAlert.class, e.reason());
            TlsAlert theirs = assertInstanceOf(TlsAlert.class, serverSide.get().reason());
            assertEquals(mine.description(), theirs.description());
            assertTrue(mine.text().startsWith("TLS client: In state "), mine.text());
            assertTrue(mine.text().contains(" generated CLIENT ALERT: Fatal - "), mine.text());
            assertTrue(theirs.text().contains(" received CLIENT ALERT: Fatal - "), theirs.text());
        }
    }

    @Test
    void writesAfterCloseFailWithClosed() throws Exception {
        try (Connected c = connect("TLSv1.3")) {
            c.client().close();
            InetException e = assertThrows(InetException.class, () -> Io.write(c.client(), "x"));
            assertEquals(InetError.CLOSED, e.reason());
            assertFalse(c.client().isOpen());
        }
    }

    @Test
    void closeFromAnotherThreadWakesABlockedRead() throws Exception {
        try (Connected c = connect("TLSv1.3")) {
            Future<InetException> reader = Io.THREADS.submit(() -> assertThrows(InetException.class,
                    () -> c.client().read(ByteBuffer.allocate(10))));
            c.client().close();
            assertEquals(InetError.CLOSED, reader.get().reason());
        }
    }

    @Test
    void shutdownOutputSendsCloseNotifyAndTheOtherDirectionStillWorks() throws Exception {
        try (Connected c = connect("TLSv1.3")) {
            Io.write(c.client(), "last words");
            c.client().shutdownOutput();
            assertEquals("last words", new String(Io.readAll(c.server())));
            Io.write(c.server(), "reply");
            assertEquals("reply", Io.readString(c.client(), 5));
        }
    }

    @Test
    void keyUpdateInTls13KeepsDataFlowingBothWays() throws Exception {
        try (Connected c = connect("TLSv1.3")) {
            Future<String> got = Io.THREADS.submit(() -> Io.readString(c.server(), 6));
            c.client().updateKeys();
            Io.write(c.client(), "after1");
            assertEquals("after1", got.get());
            Io.write(c.server(), "after2");
            assertEquals("after2", Io.readString(c.client(), 6));
            c.server().updateKeys();
            Io.write(c.server(), "after3");
            assertEquals("after3", Io.readString(c.client(), 6));
            Io.write(c.client(), "after4");
            assertEquals("after4", Io.readString(c.server(), 6));
        }
    }

    @Test
    void renegotiationIsRefusedAsNotSupportedOnTls13() throws Exception {
        try (Connected c = connect("TLSv1.3")) {
            InetException e = assertThrows(InetException.class, () -> c.client().renegotiate(5000));
            assertEquals(SslError.NOTSUP, e.reason());
            Io.write(c.client(), "still");
            assertEquals("still", Io.readString(c.server(), 5));
        }
    }

    @Test
    void aClientRenegotiationInTls12CompletesWhileTheServerReads() throws Exception {
        try (Connected c = connect("TLSv1.2")) {
            Future<String> got = Io.THREADS.submit(() -> Io.readString(c.server(), 5));
            c.client().renegotiate(10_000);
            Io.write(c.client(), "fresh");
            assertEquals("fresh", got.get());
            Io.write(c.server(), "back");
            assertEquals("back", Io.readString(c.client(), 4));
        }
    }

    @Test
    void aServerRenegotiationInTls12CompletesWhileTheClientReads() throws Exception {
        try (Connected c = connect("TLSv1.2")) {
            Future<String> got = Io.THREADS.submit(() -> Io.readString(c.client(), 5));
            c.server().renegotiate(10_000);
            Io.write(c.server(), "fresh");
            assertEquals("fresh", got.get());
        }
    }

    @Test
    void aClientRenegotiationIsRefusedWithAFatalAlertWhenTheServerDisabledIt() throws Exception {
        try (Connected c = connect("TLSv1.2", CLIENT_CTX, JdkContexts.serverEngines(SERVER_CTX, false, false, "TLSv1.2"))) {
            Future<InetException> serverRead = Io.THREADS.submit(() -> assertThrows(InetException.class,
                    () -> c.server().read(ByteBuffer.allocate(10))));
            InetException clientSide = assertThrows(InetException.class, () -> c.client().renegotiate(10_000));
            TlsAlert told = assertInstanceOf(TlsAlert.class, clientSide.reason());
            assertEquals(AlertLevel.FATAL, told.level());
            assertTrue(told.text().contains("received SERVER ALERT"), told.text());
            assertEquals(AlertDescription.HANDSHAKE_FAILURE, told.description(), told.text());
            TlsAlert refused = assertInstanceOf(TlsAlert.class, serverRead.get().reason());
            assertEquals(AlertDescription.NO_RENEGOTIATION, refused.description());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void downgradeGivesBackTheTransportWithTheBytesThatFollowedTls(String version) throws Exception {
        try (Connected c = connect(version)) {
            Future<TlsWire.Downgrade> serverSide = Io.THREADS.submit(() -> c.server().downgrade(10_000));
            TlsWire.Downgrade mine = c.client().downgrade(10_000);
            TlsWire.Downgrade theirs = serverSide.get();
            assertEquals(0, mine.leftover().size());
            Io.write(theirs.wire(), "plain after tls");
            assertEquals("plain after tls", Io.readString(mine.wire(), 15));
            assertFalse(c.client().isOpen());
            assertTrue(mine.wire().isOpen());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void bytesThatFollowThePeersCloseNotifyInTheSameSegmentComeBackWithTheTransport(String version) throws Exception {
        Loopback.Pair pair = Loopback.pair();
        HeldWire held = new HeldWire(pair.server());
        TlsWire server = TlsWire.server(held, JdkContexts.serverEngines(SERVER_CTX, false, true, "TLSv1.3", "TLSv1.2"));
        Future<?> accepted = Io.THREADS.submit(() -> server.handshake(10_000));
        TlsWire client = TlsWire.client(pair.client(), TlsEngine.of(JdkContexts.client(CLIENT_CTX, version, "localhost", 1)));
        client.handshake(10_000);
        accepted.get();
        Future<TlsWire.Downgrade> clientSide = Io.THREADS.submit(() -> client.downgrade(10_000));
        held.hold();
        TlsWire.Downgrade serverSide = server.downgrade(10_000);
        Io.write(serverSide.wire(), "PLAIN");
        held.release();
        TlsWire.Downgrade mine = clientSide.get();
        assertEquals("PLAIN", mine.leftover().latin1());
        assertEquals(0, serverSide.leftover().size());
        pair.close();
    }

    /** A wire whose writes can be held back and then sent as one. */
    static final class HeldWire implements dev.otpnet.internal.wire.Wire {
        private final TcpWire inner;
        private java.io.ByteArrayOutputStream held;

        HeldWire(TcpWire inner) {
            this.inner = inner;
        }

        synchronized void hold() {
            held = new java.io.ByteArrayOutputStream();
        }

        synchronized void release() throws IOException {
            byte[] all = held.toByteArray();
            held = null;
            inner.write(new ByteBuffer[] {ByteBuffer.wrap(all)});
        }

        @Override
        public synchronized void write(ByteBuffer[] srcs) throws IOException {
            if (held == null) {
                inner.write(srcs);
                return;
            }
            for (ByteBuffer b : srcs) {
                byte[] a = new byte[b.remaining()];
                b.get(a);
                held.writeBytes(a);
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return inner.read(dst);
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
        public java.net.SocketAddress localAddress() throws IOException {
            return inner.localAddress();
        }

        @Override
        public java.net.SocketAddress remoteAddress() throws IOException {
            return inner.remoteAddress();
        }
    }

    @Test
    void aSecondConnectionOfTheSameClientResumesItsSessionInTls12() throws Exception {
        assertResumes("TLSv1.2");
    }

    @Test
    void aSecondConnectionOfTheSameClientResumesItsSessionInTls13() throws Exception {
        assertResumes("TLSv1.3");
    }

    private static void assertResumes(String version) throws Exception {
        SSLContext clientCtx = JdkContexts.context(null, TestPki.anchors());
        ServerEngines engines = JdkContexts.serverEngines(SERVER_CTX, false, true, "TLSv1.3", "TLSv1.2");
        try (Connected first = connect(version, clientCtx, engines)) {
            Io.write(first.server(), "ticket");
            assertEquals("ticket", Io.readString(first.client(), 6));
            assertFalse(first.client().connectionInformation().resumed());
        }
        try (Connected second = connect(version, clientCtx, engines)) {
            Io.write(second.server(), "again");
            assertEquals("again", Io.readString(second.client(), 5));
            assertTrue(second.client().connectionInformation().resumed());
            assertTrue(second.server().connectionInformation().resumed());
        }
    }

    @Test
    void aPausedServerHandshakeShowsTheHelloAndContinues() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            TlsWire server = TlsWire.server(pair.server(), JdkContexts.serverEngines(SERVER_CTX, true, true, "TLSv1.3"));
            TlsWire client = TlsWire.client(pair.client(), new TlsEngine(
                    JdkContexts.client(CLIENT_CTX, "TLSv1.3", "localhost", 1), null, true, "localhost"));
            Future<?> clientSide = Io.THREADS.submit(() -> {
                client.handshake(10_000);
                return null;
            });
            dev.otpnet.ssl.ClientHello hello = server.handshake(10_000).orElseThrow();
            assertEquals("localhost", hello.serverName());
            assertEquals(TlsVersion.TLSV1_3, hello.highestVersion().orElseThrow());
            assertFalse(hello.fallbackScsv());
            server.handshakeContinue((ServerEngines) null, 10_000);
            clientSide.get();
            Io.write(client, "go");
            assertEquals("go", Io.readString(server, 2));
            client.close();
            server.close();
        }
    }

    @Test
    void aCancelledHandshakeSendsUserCanceledToTheClient() throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            TlsWire server = TlsWire.server(pair.server(), JdkContexts.serverEngines(SERVER_CTX, true, true, "TLSv1.3"));
            TlsWire client = TlsWire.client(pair.client(), TlsEngine.of(JdkContexts.client(CLIENT_CTX, "TLSv1.3", "localhost", 1)));
            Future<InetException> clientSide = Io.THREADS.submit(() -> assertThrows(InetException.class, () -> client.handshake(10_000)));
            server.handshake(10_000).orElseThrow();
            server.handshakeCancel();
            TlsAlert alert = assertInstanceOf(TlsAlert.class, clientSide.get().reason());
            assertEquals(AlertDescription.USER_CANCELED, alert.description());
            assertTrue(alert.text().contains("received SERVER ALERT"), alert.text());
        }
    }

    @Test
    void readsIntoSmallBuffersKeepTheRestForLater() throws Exception {
        try (Connected c = connect("TLSv1.3")) {
            Io.write(c.server(), "abcdefghij");
            ByteBuffer three = ByteBuffer.allocate(3);
            StringBuilder got = new StringBuilder();
            while (got.length() < 10) {
                three.clear();
                int n = c.client().read(three);
                got.append(new String(Arrays.copyOf(three.array(), n)));
            }
            assertEquals("abcdefghij", got.toString());
        }
    }

}
