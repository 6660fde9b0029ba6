package dev.otpnet.listener;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.ssl.SslOptions.alpnPreferredProtocols;
import static dev.otpnet.ssl.SslOptions.cacerts;
import static dev.otpnet.ssl.SslOptions.cert;
import static dev.otpnet.ssl.SslOptions.handshake;
import static dev.otpnet.ssl.SslOptions.key;
import static dev.otpnet.ssl.SslOptions.serverNameIndication;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.AnyOption;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.CertificateSpec;
import dev.otpnet.ssl.Certificates;
import dev.otpnet.ssl.ClientHello;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.HandshakeMode;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.SslSocket;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpSocket;
import dev.otpnet.testing.ErlangPeer;
import dev.otpnet.testing.Peers;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ranch's {@code {handshake, hello}}: the listener pauses the TLS handshake after the ClientHello,
 * the handler sees SNI and ALPN, then continues (with a certificate chosen by SNI, an ALPN protocol
 * chosen from the offer) or cancels. The clients are real: Erlang/OTP's ssl and openssl s_client.
 */
class ListenerHelloTest {
    static final Credential OTHER = Certificates.issue(dev.otpnet.testing.TestPki.CA,
            CertificateSpec.leaf("other.test").withSubjectAltNames("DNS:other.test"));
    private static final String NAME = "hello";

    /** Where the handler's connection stood while its handshake was paused (seen through Listener.info). */
    private final AtomicReference<ListenerInfo.Stage> pausedStage = new AtomicReference<>();

    /**
     * The default certificate is "localhost"; SNI other.test gets OTHER's, blocked.test is cancelled;
     * the last ALPN protocol offered is chosen. Replies "sni=Name offered=[...]".
     */
    private final ProtocolHandler sniRouter = conn -> {
        ClientHello h = conn.hello().orElseThrow();
        pausedStage.set(Listener.info(conn.listener()).connections().stream()
                .filter(c -> c.pid().equals(dev.otpnet.process.Proc.self())).findFirst().orElseThrow().stage());
        String sni = h.sni().orElse("-");
        if (sni.equals("blocked.test")) {
            conn.handshakeCancel();
            return;
        }
        if (sni.equals("ignored.test")) {
            return; // neither continue nor cancel: the paused connection is closed
        }
        List<SslOption> extra = new ArrayList<>();
        if (sni.equals("other.test")) {
            extra.add(cert(OTHER.certificate()));
            extra.add(key(OTHER.key()));
        }
        if (!h.alpnProtocols().isEmpty()) {
            extra.add(alpnPreferredProtocols(h.alpnProtocols().getLast()));
        }
        SslSocket s = conn.handshakeContinue(extra);
        s.send(Bytes.latin1("sni=" + sni + " offered=" + h.alpnProtocols() + "\n"));
        try {
            s.recv(0); // until the client closes
        } catch (InetException closed) {
            // done
        }
    };

    private void start() throws InetException {
        List<AnyOption> tls = List.of(cert(dev.otpnet.testing.TestPki.SERVER.certificate()),
                key(dev.otpnet.testing.TestPki.SERVER.key()), handshake(HandshakeMode.HELLO));
        Listener.start(NAME, Transport.ssl(tls), ListenerSettings.DEFAULT.withNumAcceptors(2)
                .withSocketOptions(List.of(ip("127.0.0.1"))), sniRouter);
    }

    @AfterEach
    void stop() {
        if (Listener.list().stream().anyMatch(i -> i.name().equals(NAME))) {
            Listener.stop(NAME);
        }
    }

    static String hex(Credential c) throws CertificateEncodingException {
        return HexFormat.of().withUpperCase().formatHex(c.certificate().getEncoded());
    }

    @Test
    void anErlangClientGetsTheCertificateItsSniChoseAndTheAlpnTheHandlerPicked() throws Exception {
        start();
        try (ErlangPeer erl = ErlangPeer.start("ranch_hello_client.escript", String.valueOf(Listener.port(NAME)),
                "other.test", "h2")) {
            assertEquals(hex(OTHER), erl.expect("cert: ").substring(6));
            assertEquals("alpn: {ok,<<\"h2\">>}", erl.expect("alpn: "));
            assertEquals("line: sni=other.test offered=[h2]", erl.expect("line: "));
            erl.expectOk();
        }
        assertEquals(ListenerInfo.Stage.HELLO, pausedStage.get());
        try (ErlangPeer erl = ErlangPeer.start("ranch_hello_client.escript", String.valueOf(Listener.port(NAME)),
                "localhost", "http/1.1")) {
            assertEquals(hex(dev.otpnet.testing.TestPki.SERVER), erl.expect("cert: ").substring(6));
            assertEquals("line: sni=localhost offered=[http/1.1]", erl.expect("line: "));
            erl.expectOk();
        }
        assertTrue(Listener.waitForConnections(NAME, WaitOp.EQ, 0, 10_000));
    }

    @Test
    void aCancelledHandshakeIsUserCanceledForTheErlangClientAndGivesThePermitBack() throws Exception {
        start();
        try (ErlangPeer erl = ErlangPeer.start("ranch_hello_client.escript", String.valueOf(Listener.port(NAME)),
                "blocked.test", "h2")) {
            String refused = erl.expect("refused: ");
            assertTrue(refused.contains("user_canceled"), refused);
            erl.expectOk();
        }
        assertTrue(Listener.waitForConnections(NAME, WaitOp.EQ, 0, 10_000));
    }

    @Test
    void opensslSClientSeesTheCertificateChosenBySniAndTheAlpnChosenFromItsOffer() throws Exception {
        String openssl = Peers.require("openssl", "openssl");
        start();
        Process p = new ProcessBuilder(openssl, "s_client", "-connect", "127.0.0.1:" + Listener.port(NAME),
                "-servername", "other.test", "-alpn", "h2,http/1.1")
                .redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
        String out;
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("openssl s_client did not finish");
            }
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
        assertTrue(Pattern.compile("(?m)^subject=.*CN ?= ?other\\.test$").matcher(out).find(), out);
        assertTrue(out.contains("ALPN protocol: http/1.1"), out);
    }

    @Test
    void ourOwnClientVerifiesTheCertificateChosenForItsSni() throws Exception {
        start();
        try (SslSocket c = Ssl.connect("127.0.0.1", Listener.port(NAME), List.of(binary(), active(false),
                cacerts(dev.otpnet.testing.TestPki.anchors()), serverNameIndication("other.test")), 5000)) {
            assertEquals("sni=other.test offered=[]", ListenerTlsProxyTest.line(c));
        }
    }

    @Test
    void aHandlerThatNeitherContinuesNorCancelsClosesTheConnection() throws Exception {
        start();
        org.junit.jupiter.api.Assertions.assertThrows(InetException.class, () -> Ssl.connect(
                "127.0.0.1", Listener.port(NAME), List.of(binary(), active(false),
                        cacerts(dev.otpnet.testing.TestPki.anchors()), serverNameIndication("ignored.test")), 5000));
        assertTrue(Listener.waitForConnections(NAME, WaitOp.EQ, 0, 10_000));
    }

    @Test
    void withoutHelloInTheSslOptionsThereIsNothingToContinue() throws Exception {
        AtomicReference<Object> seen = new AtomicReference<>();
        Listener.start(NAME, Transport.tcp(), ListenerSettings.DEFAULT.withSocketOptions(List.of(ip("127.0.0.1"))),
                conn -> {
                    try {
                        conn.handshakeContinue();
                        seen.set("continued");
                    } catch (IllegalStateException e) {
                        seen.set(conn.hello().isEmpty() ? "no hello" : "hello");
                    }
                    conn.socket().send(Bytes.latin1("done\n"));
                });
        try (TcpSocket c = GenTcp.connect("127.0.0.1", Listener.port(NAME), List.of(binary(), active(false)), 5000)) {
            assertEquals("done", ListenerTlsProxyTest.line(c));
        }
        assertEquals("no hello", seen.get());
    }
}
