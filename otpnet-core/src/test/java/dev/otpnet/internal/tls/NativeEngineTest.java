package dev.otpnet.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.ClientHello;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.SslOptions;
import dev.otpnet.ssl.TlsEngineKind;
import dev.otpnet.ssl.TlsVersion;
import dev.otpnet.testing.ChildJvm;
import dev.otpnet.testing.Eventually;
import dev.otpnet.testing.TestPki;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The BoringSSL engine's life and limits: every native engine is released however its
 * connection ends, options it cannot honour are refused with the reason, and without netty on the
 * class path the option is refused while JSSE runs as before.
 */
@Timeout(120)
class NativeEngineTest {
    private static final SslOption BORINGSSL = SslOptions.engine(TlsEngineKind.BORINGSSL);

    static TlsConfig server(SslOption... more) throws InetException {
        List<SslOption> all = new ArrayList<>(List.of(SslOptions.cert(TestPki.SERVER.certificate()),
                SslOptions.key(TestPki.SERVER.key()), BORINGSSL));
        all.addAll(List.of(more));
        return TlsConfig.server(all);
    }

    static TlsConfig client(SslOption... more) throws InetException {
        List<SslOption> all = new ArrayList<>(List.of(SslOptions.cacerts(TestPki.anchors()), BORINGSSL));
        all.addAll(List.of(more));
        return TlsConfig.client(all);
    }

    /** Server engines from {@code factory}, each one kept so the test can look at it afterwards. */
    record Capturing(TlsContextFactory factory, List<TlsEngine> made) implements ServerEngines {
        @Override
        public TlsEngine engineFor(ClientHello hello) throws InetException {
            TlsEngine e = factory.engineFor(hello);
            made.add(e);
            return e;
        }

        @Override
        public TlsVersion highestVersion() {
            return factory.highestVersion();
        }

        @Override
        public TlsVersion lowestVersion() {
            return factory.lowestVersion();
        }

        @Override
        public boolean pauseAfterHello() {
            return false;
        }
    }

    enum Ending { CLIENT_CLOSES, SERVER_CLOSES, CLIENT_ABORTS, HANDSHAKE_FAILS, DOWNGRADE }

    @Test
    void everyNativeEngineIsReleasedHoweverItsConnectionEnds() throws Exception {
        TlsContextFactory good = TlsContextFactory.of(client());
        TlsContextFactory distrusting = TlsContextFactory.of(client(SslOptions.cacerts(TestPki.anchorsOf(TestPki.OTHER_CA))));
        List<TlsEngine> servers = new CopyOnWriteArrayList<>();
        Capturing serverEngines = new Capturing(TlsContextFactory.of(server()), servers);
        Capturing freshPerConnection = new Capturing(TlsContextFactory.of(server(SslOptions.reuseSessions(false))), servers);
        List<TlsEngine> clients = new ArrayList<>();
        Ending[] endings = Ending.values();
        for (int i = 0; i < 60; i++) {
            Ending ending = endings[i % endings.length];
            Loopback.Pair pair = Loopback.pair();
            TlsWire server = TlsWire.server(pair.server(), i % 2 == 0 ? serverEngines : freshPerConnection);
            Future<Optional<ClientHello>> accepted = Io.THREADS.submit(() -> server.handshake(10_000));
            TlsEngine clientEngine = (ending == Ending.HANDSHAKE_FAILS ? distrusting : good).clientEngine("localhost", 1);
            clients.add(clientEngine);
            TlsWire client = TlsWire.client(pair.client(), clientEngine);
            if (ending == Ending.HANDSHAKE_FAILS) {
                assertThrows(InetException.class, () -> client.handshake(10_000));
                assertThrows(Exception.class, accepted::get);
                pair.close();
                continue;
            }
            client.handshake(10_000);
            accepted.get();
            assertEquals(1, BoringEngines.refCnt(clientEngine.engine()), "an engine in use is held");
            Io.write(client, "ping");
            assertEquals("ping", Io.readString(server, 4));
            switch (ending) {
                case CLIENT_CLOSES -> {
                    client.close();
                    assertEquals(-1, server.read(java.nio.ByteBuffer.allocate(8)));
                    server.close();
                }
                case SERVER_CLOSES -> {
                    server.close();
                    assertEquals(-1, client.read(java.nio.ByteBuffer.allocate(8)));
                    client.close();
                }
                case CLIENT_ABORTS -> {
                    client.abort();
                    assertThrows(Exception.class, () -> server.read(java.nio.ByteBuffer.allocate(8)));
                    server.close();
                }
                case DOWNGRADE -> {
                    Future<TlsWire.Downgrade> other = Io.THREADS.submit(() -> server.downgrade(10_000));
                    client.downgrade(10_000).wire().close();
                    other.get().wire().close();
                }
                case HANDSHAKE_FAILS -> throw new AssertionError("handled above");
            }
            pair.close();
        }
        assertEquals(60, clients.size());
        assertEquals(60, servers.size());
        List<TlsEngine> all = new ArrayList<>(clients);
        all.addAll(servers);
        Eventually.until("every native engine released", () -> all.stream()
                .allMatch(e -> BoringEngines.refCnt(e.engine()) == 0));
    }

    @Test
    void optionsBoringSslCannotHonourAreRefusedWithTheReason() {
        IllegalArgumentException tls13 = assertThrows(IllegalArgumentException.class,
                () -> server(SslOptions.ciphers("TLS_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES128-GCM-SHA256")));
        assertTrue(tls13.getMessage().contains("BoringSSL always enables TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384"
                + " and TLS_CHACHA20_POLY1305_SHA256 and cannot be told to use fewer, but the ciphers name only"
                + " TLS_AES_256_GCM_SHA384"), tls13.getMessage());
        IllegalArgumentException renegotiation = assertThrows(IllegalArgumentException.class,
                () -> server(SslOptions.clientRenegotiation(true)));
        assertTrue(renegotiation.getMessage().startsWith("{client_renegotiation,true} is not supported with"
                + " {engine,boringssl}"), renegotiation.getMessage());
        IllegalArgumentException noSuite = assertThrows(IllegalArgumentException.class,
                () -> server(SslOptions.versions(TlsVersion.TLSV1_2), SslOptions.ciphers("DHE-RSA-AES128-GCM-SHA256")));
        assertTrue(noSuite.getMessage().contains("has no suite BoringSSL implements"), noSuite.getMessage());
    }

    @Test
    void theThreeTls13SuitesOrTls12AloneAreAccepted() throws Exception {
        server(SslOptions.ciphers("TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                "ECDHE-ECDSA-AES128-GCM-SHA256"));
        server(SslOptions.versions(TlsVersion.TLSV1_2), SslOptions.ciphers("ECDHE-ECDSA-AES256-GCM-SHA384"));
    }

    @Test
    void withoutNettyTheOptionIsRefusedAndJsseStillWorks() {
        try (ChildJvm child = ChildJvm.start(List.of(), List.of(), entry -> !entry.contains("/io/netty/"),
                WithoutNetty.class)) {
            String refused = child.expect("refused: ");
            assertTrue(refused.contains("{engine,boringssl} cannot be used: netty-tcnative is not on the class path"),
                    refused);
            child.expect("jsse ok TLSv1.3");
        }
    }

    /** Runs in a JVM without the netty jars. */
    public static final class WithoutNetty {
        public static void main(String[] args) throws Exception {
            ChildJvm.reportUncaught();
            try {
                server();
                System.out.println("fail: the option was accepted");
            } catch (IllegalArgumentException e) {
                System.out.println("refused: " + e.getMessage().replace('\n', ' '));
            }
            Loopback.Pair pair = Loopback.pair();
            TlsWire server = TlsWire.server(pair.server(), TlsConfig.server(List.of(
                    SslOptions.cert(TestPki.SERVER.certificate()), SslOptions.key(TestPki.SERVER.key()))));
            Future<Optional<ClientHello>> accepted = Io.THREADS.submit(() -> server.handshake(10_000));
            TlsWire client = TlsWire.client(pair.client(), TlsConfig.client(List.of(SslOptions.cacerts(TestPki.anchors()))),
                    "localhost", 1);
            client.handshake(10_000);
            accepted.get();
            System.out.println("jsse ok " + client.connectionInformation().protocol().jsseName());
            System.out.flush();
            client.close();
            server.close();
            pair.close();
            System.exit(0);
        }
    }
}
