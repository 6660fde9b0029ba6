package dev.otpnet.listener;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.ssl.SslOptions.alpnPreferredProtocols;
import static dev.otpnet.ssl.SslOptions.alpnAdvertisedProtocols;
import static dev.otpnet.ssl.SslOptions.cacerts;
import static dev.otpnet.ssl.SslOptions.cert;
import static dev.otpnet.ssl.SslOptions.key;
import static dev.otpnet.ssl.SslOptions.serverNameIndication;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslSocket;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpSocket;
import dev.otpnet.testing.Eventually;
import dev.otpnet.testing.TestPki;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/** TLS in the connection process, the PROXY header read by the listener, and the JFR events. */
class ListenerTlsProxyTest {

    private static final List<dev.otpnet.inet.AnyOption> SERVER_TLS = List.of(
            cert(TestPki.SERVER.certificate()), key(TestPki.SERVER.key()), alpnPreferredProtocols("h2", "http/1.1"));

    /** Replies with what the handler knows: the client address and, for TLS, the ALPN protocol. */
    static final ProtocolHandler WHO = conn -> {
        InetSocket s = conn.socket();
        String alpn = conn.tls().flatMap(t -> {
            try {
                return t.negotiatedProtocol();
            } catch (InetException e) {
                return java.util.Optional.empty();
            }
        }).orElse("-");
        InetSocketAddress c = conn.client();
        s.send(Bytes.latin1(c.getAddress().getHostAddress() + ":" + c.getPort() + " " + alpn + "\n"));
        try {
            s.recv(0); // until the client closes
        } catch (InetException closed) {
            // done
        }
    };

    static String line(InetSocket s) throws InetException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String c = ((Bytes) s.recv(1, 5000)).latin1();
            if (c.equals("\n")) {
                return sb.toString();
            }
            sb.append(c);
        }
    }

    @Test
    void theTlsHandshakeRunsInTheConnectionProcessAndInfoShowsItsFacts() throws Exception {
        String name = "tls-info";
        Listener.start(name, Transport.ssl(SERVER_TLS), ListenerSettings.DEFAULT
                .withSocketOptions(List.of(ip("127.0.0.1"))), WHO);
        try (SslSocket c = Ssl.connect("localhost", Listener.port(name), List.of(binary(), active(false),
                cacerts(TestPki.anchors()), serverNameIndication("localhost"), alpnAdvertisedProtocols("h2")), 5000)) {
            assertTrue(line(c).endsWith(" h2"));
            ListenerInfo.Conn conn = Listener.info(name).connections().getFirst();
            assertEquals(ListenerInfo.Stage.RUNNING, conn.stage());
            assertTrue(conn.tlsVersion().orElseThrow().startsWith("TLSv1."), conn.toString());
            assertTrue(conn.cipher().orElseThrow().startsWith("TLS_"), conn.toString());
            assertEquals("localhost", conn.sni().orElseThrow());
            assertEquals("h2", conn.alpn().orElseThrow());
            assertTrue(conn.bytesOut() > 0);
            assertEquals("ssl", Listener.info(name).transport());
        } finally {
            Listener.stop(name);
        }
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateFailsTheStartAsSslListenWouldNotEveryHandshake() throws Exception {
        // Ranch's ranch_ssl:listen is ssl:listen, which refuses such options at once; so does start.
        String name = "tls-bad-key";
        List<dev.otpnet.inet.AnyOption> mismatched = List.of(cert(TestPki.SERVER.certificate()),
                key(TestPki.CLIENT.key()));
        InetException e = assertThrows(InetException.class, () -> Listener.start(name, Transport.ssl(mismatched),
                ListenerSettings.DEFAULT.withSocketOptions(List.of(ip("127.0.0.1"))), WHO));
        assertEquals(dev.otpnet.ssl.SslError.EKEYMISMATCH, e.reason());
        assertTrue(Listener.list().stream().noneMatch(i -> i.name().equals(name)), "nothing is left running");
        // the name is free: the right options start it
        Listener.start(name, Transport.ssl(SERVER_TLS), ListenerSettings.DEFAULT
                .withSocketOptions(List.of(ip("127.0.0.1"))), WHO);
        try (SslSocket c = Ssl.connect("localhost", Listener.port(name), List.of(binary(), active(false),
                cacerts(TestPki.anchors())), 5000)) {
            assertTrue(line(c).startsWith("127.0.0.1:"));
        } finally {
            Listener.stop(name);
        }
    }

    @Test
    void aClientThatNeverHandshakesIsDroppedAtTheHandshakeTimeoutAndItsPermitReturns() throws Exception {
        // 2 s: short enough to wait for, long enough for the real client's handshake on a loaded machine.
        String name = "tls-timeout";
        Listener.start(name, Transport.ssl(SERVER_TLS), ListenerSettings.DEFAULT.withHandshakeTimeout(2000)
                .withNumAcceptors(1).withMaxConnections(1).withSocketOptions(List.of(ip("127.0.0.1"))), WHO);
        try (Socket silent = new Socket("127.0.0.1", Listener.port(name))) {
            silent.setSoTimeout(10_000);
            try {
                assertEquals(-1, silent.getInputStream().read()); // the server gave up and closed
            } catch (java.net.SocketException reset) {
                assertTrue(reset.getMessage().contains("reset"), reset.getMessage()); // or reset it
            }
            Eventually.until("the connection process ended", () -> Listener.info(name).allConnections() == 0);
            // The one permit is free again: a real client gets served.
            try (SslSocket c = Ssl.connect("localhost", Listener.port(name), List.of(binary(), active(false),
                    cacerts(TestPki.anchors())), 5000)) {
                assertTrue(line(c).startsWith("127.0.0.1:"));
            }
        } finally {
            Listener.stop(name);
        }
    }

    @Test
    void theHandlerSeesTheClientFromTheProxyHeaderAndABadHeaderReturnsThePermit() throws Exception {
        String name = "proxied";
        Listener.start(name, Transport.tcp(), ListenerSettings.DEFAULT.withProxyHeader(true).withNumAcceptors(1)
                .withMaxConnections(1).withSocketOptions(List.of(ip("127.0.0.1"))), WHO);
        try {
            int port = Listener.port(name);
            for (int version : new int[] {1, 2}) {
                try (TcpSocket c = GenTcp.connect("127.0.0.1", port, List.of(binary(), active(false)), 5000)) {
                    ProxyHeaders.send(c, ProxyHeader.proxy(version,
                            new InetSocketAddress(InetAddress.ofLiteral("203.0.113.7"), 40000 + version),
                            new InetSocketAddress(InetAddress.ofLiteral("198.51.100.2"), 443)));
                    assertEquals("203.0.113.7:" + (40000 + version) + " -", line(c));
                    assertEquals("203.0.113.7", Listener.info(name).connections().getFirst().client()
                            .orElseThrow().getAddress().getHostAddress());
                }
                Eventually.until("the connection ended", () -> Listener.info(name).allConnections() == 0);
            }
            // A LOCAL header (a proxy's health check): the real endpoints.
            try (TcpSocket c = GenTcp.connect("127.0.0.1", port, List.of(binary(), active(false)), 5000)) {
                ProxyHeaders.send(c, ProxyHeader.local());
                assertEquals("127.0.0.1:" + c.sockname().getPort() + " -", line(c));
            }
            Eventually.until("the connection ended", () -> Listener.info(name).allConnections() == 0);
            // No header at all: refused, and with max_connections 1 the next client still gets in.
            try (TcpSocket c = GenTcp.connect("127.0.0.1", port, List.of(binary(), active(false)), 5000)) {
                c.send(Bytes.latin1("GET / HTTP/1.1\r\n\r\n"));
                assertThrows(InetException.class, () -> c.recv(0, 5000));
            }
            try (TcpSocket c = GenTcp.connect("127.0.0.1", port, List.of(binary(), active(false)), 5000)) {
                ProxyHeaders.send(c, ProxyHeader.unknown());
                assertTrue(line(c).startsWith("127.0.0.1:"));
            }
        } finally {
            Listener.stop(name);
        }
    }

    @Test
    void aClientThatSendsNoProxyHeaderIsDroppedAtTheHeaderTimeoutAndItsPermitReturns() throws Exception {
        String name = "proxy-timeout";
        Listener.start(name, Transport.tcp(), ListenerSettings.DEFAULT.withProxyHeader(true).withProxyHeaderTimeout(1000)
                .withNumAcceptors(1).withMaxConnections(1).withSocketOptions(List.of(ip("127.0.0.1"))), WHO);
        try {
            try (TcpSocket silent = GenTcp.connect("127.0.0.1", Listener.port(name), List.of(binary(), active(false)),
                    5000)) {
                silent.send(Bytes.latin1("PROXY TCP4 ")); // a start, then nothing
                assertThrows(InetException.class, () -> silent.recv(0, 10_000));
            }
            Eventually.until("the connection process ended", () -> Listener.info(name).allConnections() == 0);
            try (TcpSocket c = GenTcp.connect("127.0.0.1", Listener.port(name), List.of(binary(), active(false)), 5000)) {
                ProxyHeaders.send(c, ProxyHeader.unknown());
                assertTrue(line(c).startsWith("127.0.0.1:"));
            }
        } finally {
            Listener.stop(name);
        }
    }

    @Test
    void jfrSeesAcceptsHandshakesFailuresAndEnds() throws Exception {
        List<RecordedEvent> events = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> streamFailure = new AtomicReference<>();
        try (RecordingStream rs = new RecordingStream()) {
            for (String e : List.of("Accept", "HandshakeDone", "HandshakeFailed", "ConnectionEnd")) {
                rs.enable("dev.otpnet.listener." + e);
                rs.onEvent("dev.otpnet.listener." + e, events::add);
            }
            rs.onError(streamFailure::set);
            rs.startAsync();
            String name = "jfr";
            Listener.start(name, Transport.tcp(), ListenerSettings.DEFAULT.withProxyHeader(true)
                    .withSocketOptions(List.of(ip("127.0.0.1"))), WHO);
            try {
                int port = Listener.port(name);
                try (TcpSocket c = GenTcp.connect("127.0.0.1", port, List.of(binary(), active(false)), 5000)) {
                    ProxyHeaders.send(c, ProxyHeader.proxy(2,
                            new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 1234),
                            new InetSocketAddress(InetAddress.ofLiteral("192.0.2.2"), 80)));
                    line(c);
                }
                try (TcpSocket c = GenTcp.connect("127.0.0.1", port, List.of(binary(), active(false)), 5000)) {
                    c.send(Bytes.latin1("nonsense"));
                    assertThrows(InetException.class, () -> c.recv(0, 5000));
                }
                Eventually.until("both connections ended", () -> Listener.info(name).allConnections() == 0);
            } finally {
                Listener.stop(name);
            }
            Eventually.until("JFR delivered the events", Duration.ofSeconds(20), () ->
                    count(events, "ConnectionEnd") >= 2 && count(events, "HandshakeFailed") >= 1);
            assertEquals(2, count(events, "Accept"));
            RecordedEvent done = events.stream().filter(e -> e.getEventType().getName().endsWith("HandshakeDone"))
                    .findFirst().orElseThrow();
            assertEquals("192.0.2.1:1234", done.getString("proxiedClient"));
            RecordedEvent failed = events.stream().filter(e -> e.getEventType().getName().endsWith("HandshakeFailed"))
                    .findFirst().orElseThrow();
            assertEquals("proxy_header", failed.getString("stage"));
            assertTrue(failed.getString("reason").contains("signature was not recognized"));
        }
        assertEquals(null, streamFailure.get());
    }

    private static long count(List<RecordedEvent> events, String suffix) {
        return events.stream().filter(e -> e.getEventType().getName().equals("dev.otpnet.listener." + suffix)).count();
    }
}
