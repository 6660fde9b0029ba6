package dev.otpnet.listener;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.ssl.SslOptions.alpnAdvertisedProtocols;
import static dev.otpnet.ssl.SslOptions.cacerts;
import static dev.otpnet.ssl.SslOptions.serverNameIndication;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.ssl.KeyFormat;
import dev.otpnet.ssl.Pem;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslSocket;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpSocket;
import dev.otpnet.testing.Eventually;
import dev.otpnet.testing.Peers;
import dev.otpnet.testing.TestPki;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our PROXY protocol reader against a real HAProxy (Debian's {@code haproxy}), started with a
 * generated configuration on 127.0.0.1: one frontend per way of sending the header
 * ({@code send-proxy}, {@code send-proxy-v2} with a CRC32C and a unique id, and a TLS frontend with
 * {@code send-proxy-v2-ssl-cn} and the SSL, ALPN and AUTHORITY TLVs), all in front of one listener.
 * The handler answers with what the header told it; the client checks it is itself.
 */
@Tag("interop")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HaproxyProxyProtocolInteropTest {
    private static final String NAME = "behind-haproxy";
    private static final String TLS_NAME = "tls-behind-haproxy";
    private static final Map<String, ProxyHeader> LOCAL_CHECKS = new ConcurrentHashMap<>();
    @TempDir
    static Path dir;
    private static Process haproxy;
    private static int v1;
    private static int v2;
    private static int tls;
    private static int passthrough;
    private static int acceptProxy;

    /** One line: the client as the header gives it, then the TLV facts. */
    static final ProtocolHandler TELL = conn -> {
        InetSocket s = conn.socket();
        ProxyHeader h = conn.proxy().orElseThrow();
        if (h.command() == ProxyHeader.Command.LOCAL) {
            LOCAL_CHECKS.put(String.valueOf(conn.socket().peername()), h);
            return;
        }
        var c = conn.client();
        String ssl = h.ssl().map(t -> t.ssl() + "/" + t.version().orElse("-") + "/" + t.cipher().orElse("-")
                + "/" + t.sigAlg().orElse("-") + "/" + t.keyAlg().orElse("-")).orElse("-");
        String line = "v" + h.version() + " " + c.getAddress().getHostAddress() + ":" + c.getPort()
                + " alpn=" + h.alpn().orElse("-") + " authority=" + h.authority().orElse("-")
                + " crc=" + h.crc32c().isPresent() + " uid=" + h.uniqueId().map(Bytes::latin1).orElse("-")
                + " ssl=" + ssl + "\n";
        s.send(Bytes.latin1(line));
        try {
            s.recv(0);
        } catch (InetException closed) {
            // the client left
        }
    };

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @BeforeAll
    static void startHaproxyInFrontOfAListener() throws Exception {
        String bin = Peers.require("haproxy", "haproxy");
        Listener.start(NAME, Transport.tcp(), ListenerSettings.DEFAULT.withProxyHeader(true)
                .withSocketOptions(List.of(ip("127.0.0.1"))), TELL);
        int backend = Listener.port(NAME);
        Listener.start(TLS_NAME, Transport.ssl(List.of(dev.otpnet.ssl.SslOptions.cert(TestPki.SERVER.certificate()),
                dev.otpnet.ssl.SslOptions.key(TestPki.SERVER.key()),
                dev.otpnet.ssl.SslOptions.alpnPreferredProtocols("h2"))), ListenerSettings.DEFAULT.withProxyHeader(true)
                .withSocketOptions(List.of(ip("127.0.0.1"))), TELL);
        int tlsBackend = Listener.port(TLS_NAME);
        passthrough = freePort();
        acceptProxy = freePort();
        v1 = freePort();
        v2 = freePort();
        tls = freePort();
        Path pem = dir.resolve("frontend.pem");
        Files.writeString(pem, Pem.certificates(TestPki.SERVER.chain())
                + Pem.key(TestPki.SERVER.key(), KeyFormat.PKCS8, null));
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, """
                global
                    maxconn 200
                defaults
                    mode tcp
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend v1
                    bind 127.0.0.1:%1$d
                    default_backend b1
                backend b1
                    server s1 127.0.0.1:%4$d send-proxy
                frontend v2
                    bind 127.0.0.1:%2$d
                    unique-id-format conn-%%[fc_rcvd_proxy]-%%ci-%%cp
                    default_backend b2
                backend b2
                    server s2 127.0.0.1:%4$d send-proxy-v2 proxy-v2-options crc32c,unique-id check check-send-proxy inter 300
                frontend tls
                    bind 127.0.0.1:%3$d ssl crt %5$s alpn h2,http/1.1
                    default_backend b3
                backend b3
                    server s3 127.0.0.1:%4$d send-proxy-v2-ssl-cn proxy-v2-options ssl,cert-sig,cert-key,ssl-cipher,authority,crc32c
                frontend passthrough
                    bind 127.0.0.1:%6$d
                    default_backend b4
                backend b4
                    server s4 127.0.0.1:%7$d send-proxy-v2
                frontend accept
                    bind 127.0.0.1:%8$d accept-proxy
                    default_backend b2
                """.formatted(v1, v2, tls, backend, pem, passthrough, tlsBackend, acceptProxy));
        haproxy = new ProcessBuilder(bin, "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        Eventually.until("haproxy listens", Duration.ofSeconds(20), () -> {
            try (Socket s = new Socket("127.0.0.1", tls)) {
                return true;
            } catch (IOException notYet) {
                if (!haproxy.isAlive()) {
                    throw new AssertionError("haproxy exited: " + read(dir.resolve("haproxy.log")));
                }
                return false;
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (haproxy != null) {
            haproxy.destroy();
            haproxy.waitFor(10, TimeUnit.SECONDS);
        }
        for (String n : List.of(NAME, TLS_NAME)) {
            if (Listener.list().stream().anyMatch(i -> i.name().equals(n))) {
                Listener.stop(n);
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String line(InetSocket s) throws InetException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String c = ((Bytes) s.recv(1, 10_000)).latin1();
            if (c.equals("\n")) {
                return sb.toString();
            }
            sb.append(c);
        }
    }

    @Test
    void sendProxyV1GivesTheHandlerTheRealClient() throws Exception {
        try (TcpSocket c = GenTcp.connect("127.0.0.1", v1, List.of(binary(), active(false)), 5000)) {
            String me = "127.0.0.1:" + c.sockname().getPort();
            assertEquals("v1 " + me + " alpn=- authority=- crc=false uid=- ssl=-", line(c));
        }
    }

    @Test
    void sendProxyV2WithAVerifiedChecksumAndAUniqueId() throws Exception {
        try (TcpSocket c = GenTcp.connect("127.0.0.1", v2, List.of(binary(), active(false)), 5000)) {
            int port = c.sockname().getPort();
            assertEquals("v2 127.0.0.1:" + port + " alpn=- authority=- crc=true uid=conn-0-127.0.0.1-" + port
                    + " ssl=-", line(c));
        }
    }

    @Test
    void sendProxyV2SslCarriesTheClientsTlsSessionAlpnAndSni() throws Exception {
        try (SslSocket c = Ssl.connect("localhost", tls, List.of(binary(), active(false), cacerts(TestPki.anchors()),
                serverNameIndication("localhost"), alpnAdvertisedProtocols("h2")), 10_000)) {
            String me = "127.0.0.1:" + c.sockname().getPort();
            String got = line(c);
            assertTrue(got.startsWith("v2 " + me + " alpn=h2 authority=localhost crc=true uid=- ssl=true/TLSv1.3/TLS_"),
                    got);
            String[] ssl = got.substring(got.indexOf("ssl=") + 4).split("/");
            assertTrue(ssl[3].contains("SHA") && !ssl[4].equals("-"), got); // the certificate's algorithms
        }
    }

    @Test
    void aTlsListenerReadsTheHeaderThenRunsTheHandshakeHaproxyPassedThrough() throws Exception {
        try (SslSocket c = Ssl.connect("localhost", passthrough, List.of(binary(), active(false),
                cacerts(TestPki.anchors()), serverNameIndication("localhost"), alpnAdvertisedProtocols("h2")), 10_000)) {
            String me = "127.0.0.1:" + c.sockname().getPort();
            assertEquals("v2 " + me + " alpn=- authority=- crc=false uid=- ssl=-", line(c));
            ListenerInfo.Conn conn = Listener.info(TLS_NAME).connections().getFirst();
            assertEquals(me, conn.client().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).orElseThrow());
            assertEquals("h2", conn.alpn().orElseThrow());
            assertEquals("localhost", conn.sni().orElseThrow());
        }
    }

    @Test
    void haproxyAcceptsTheHeadersWeWriteAndRelaysTheClientWeNamed() throws Exception {
        var named = new java.net.InetSocketAddress(java.net.InetAddress.ofLiteral("198.51.100.77"), 5555);
        var frontend = new java.net.InetSocketAddress(java.net.InetAddress.ofLiteral("192.0.2.10"), 443);
        for (var options : List.of(ProxyHeaders.WriteOptions.NONE, ProxyHeaders.WriteOptions.CRC32C)) {
            for (int version : new int[] {1, 2}) {
                if (version == 1 && options.crc32c()) {
                    continue;
                }
                try (TcpSocket c = GenTcp.connect("127.0.0.1", acceptProxy, List.of(binary(), active(false)), 5000)) {
                    ProxyHeaders.send(c, ProxyHeader.proxy(version, named, frontend), options);
                    String got = line(c);
                    // HAProxy took our header (v1, v2, v2 with a checksum) and relayed our client onwards.
                    assertTrue(got.startsWith("v2 198.51.100.77:5555 "), got);
                }
            }
        }
        // The same v2 header with one address bit flipped after the checksum: HAProxy refuses it.
        byte[] bad = ProxyHeaders.header(ProxyHeader.proxy(2, named, frontend), ProxyHeaders.WriteOptions.CRC32C)
                .toArray();
        bad[16] ^= 1;
        try (TcpSocket c = GenTcp.connect("127.0.0.1", acceptProxy, List.of(binary(), active(false)), 5000)) {
            c.send(bad);
            InetException refused = org.junit.jupiter.api.Assertions.assertThrows(InetException.class,
                    () -> c.recv(0, 10_000));
            assertTrue(refused.reason() == dev.otpnet.inet.InetError.CLOSED
                    || refused.reason() == dev.otpnet.inet.Posix.ECONNRESET, refused.toString());
        }
    }

    @Test
    void haproxysHealthChecksArriveAsLocalHeadersAndDoNotDisturbTheListener() throws Exception {
        Eventually.until("a health check came in", Duration.ofSeconds(20), () -> !LOCAL_CHECKS.isEmpty());
        ProxyHeader check = LOCAL_CHECKS.values().iterator().next();
        assertEquals(2, check.version());
        assertTrue(check.source().isEmpty()); // LOCAL: use the real endpoints
        assertTrue(Listener.info(NAME).backoffEpisodes() == 0);
    }
}
