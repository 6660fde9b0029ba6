package dev.otpnet.ssl;

import dev.otpnet.testing.OnEngine;
import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.ssl.ErlangSsl.B;
import static dev.otpnet.ssl.ErlangSsl.ERLANG_VERIFYING;
import static dev.otpnet.ssl.ErlangSsl.EXPIRED;
import static dev.otpnet.ssl.ErlangSsl.PATIENCE_MS;
import static dev.otpnet.ssl.ErlangSsl.erlangServer;
import static dev.otpnet.ssl.ErlangSsl.listen;
import static dev.otpnet.ssl.ErlangSsl.nextMessage;
import static dev.otpnet.ssl.ErlangSsl.peer;
import static dev.otpnet.ssl.ErlangSsl.serve;
import static dev.otpnet.ssl.ErlangSsl.served;
import static dev.otpnet.ssl.ErlangSsl.with;
import static dev.otpnet.ssl.SslOptions.cacerts;
import static dev.otpnet.ssl.SslOptions.cert;
import static dev.otpnet.ssl.SslOptions.failIfNoPeerCert;
import static dev.otpnet.ssl.SslOptions.key;
import static dev.otpnet.ssl.SslOptions.verify;
import static dev.otpnet.ssl.SslOptions.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Reason;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Proc;
import dev.otpnet.ssl.ErlangSsl.Served;
import dev.otpnet.testing.ErlangPeer;
import dev.otpnet.testing.Peers;
import dev.otpnet.testing.TestPki;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How otpnet's ssl sockets and Erlang/OTP's ssl refuse each other, seen on both sides: every
 * failure must carry the reason Erlang gives, and the Erlang peer must hear the alert it would
 * hear from another Erlang node.
 */
@Tag("interop")
@Timeout(120)
class ErlangSslFailuresInteropTest implements OnEngine {
    final List<SslOption> SERVER = withEngine(ErlangSsl.SERVER);
    final List<SslOption> TRUSTING = withEngine(ErlangSsl.TRUSTING);


    /** {@code {closed, truncated}}: the transport ended without close_notify after the handshake. */
    static final Reason TRUNCATED = new Reason.Tagged("closed", "truncated");

    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws Exception {
        Peers.escript();
        ErlangSsl.writeFiles(dir);
    }

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    static TlsAlert alert(Throwable failure) {
        InetException e = assertInstanceOf(InetException.class, failure);
        return assertInstanceOf(TlsAlert.class, e.reason(), e.toString());
    }

    static void assertAlert(AlertDescription expected, String side, TlsAlert alert) {
        assertEquals(expected, alert.description(), alert.toString());
        assertTrue(alert.text().contains(side), alert + " should say " + side);
    }

    /** The Erlang peer's {@code {error,{tls_alert,{Atom,"Text"}}}} for {@code expected}, and its text. */
    static String assertErlangAlert(String line, AlertDescription expected, String side) {
        String prefix = "{error,{tls_alert,{" + expected.atom() + ",\"";
        assertTrue(line.contains(prefix), line + " should hold " + prefix);
        String text = line.substring(line.indexOf(prefix) + prefix.length());
        assertTrue(text.contains(side), line + " should say " + side);
        return text;
    }

    /**
     * On TLS 1.3 a client is done before the server reads its certificate: an OTP 25 client's
     * connect returns ok, and the server's alert then shows as {@code closed}, exactly as when an
     * Erlang server refuses it; or, when the client's connection process decodes the alert
     * before it sees the transport close (a race inside OTP, seen about one run in three), as
     * that alert.
     */
    static void assertErlangToldClosedAfterConnecting(ErlangPeer erl, AlertDescription alert) {
        assertTrue(erl.expect("connect 1: ").startsWith("connect 1: {ok,"));
        String told = erl.expect("recv_error 1: ");
        assertTrue(told.equals("recv_error 1: closed")
                || told.startsWith("recv_error 1: {tls_alert,{" + alert.atom() + ","), told);
    }

    // ---------------------------------------------------------------- certificates our server presents

    @Test
    void anErlangClientRefusesOurExpiredCertificateAndOurServerHearsCertificateExpired() throws Exception {
        try (SslListenSocket l = listen(List.of(cert(EXPIRED.certificate()), key(EXPIRED.key())))) {
            var server = serve(l, 1, ErlangSsl::echoPassive);
            try (ErlangPeer erl = peer(dir, "client", String.valueOf(l.port()), "localhost",
                    "[" + ERLANG_VERIFYING + "]", "1", "none")) {
                assertErlangAlert(erl.expect("connect 1: "), AlertDescription.CERTIFICATE_EXPIRED,
                        "generated CLIENT ALERT: Fatal - Certificate Expired");
                erl.expectOk();
            }
            assertAlert(AlertDescription.CERTIFICATE_EXPIRED, "received CLIENT ALERT: Fatal - Certificate Expired",
                    alert(served(server).refusal()));
        }
    }

    @Test
    void anErlangClientThatDoesNotKnowOurCaRefusesUsWithUnknownCaAndOurServerHearsIt() throws Exception {
        try (SslListenSocket l = listen(SERVER)) {
            var server = serve(l, 1, ErlangSsl::echoPassive);
            try (ErlangPeer erl = peer(dir, "client", String.valueOf(l.port()), "localhost",
                    "[{verify,verify_peer},{cacertfile,\"other-ca.pem\"}]", "1", "none")) {
                assertErlangAlert(erl.expect("connect 1: "), AlertDescription.UNKNOWN_CA,
                        "generated CLIENT ALERT: Fatal - Unknown CA");
                erl.expectOk();
            }
            assertAlert(AlertDescription.UNKNOWN_CA, "received CLIENT ALERT: Fatal - Unknown CA",
                    alert(served(server).refusal()));
        }
    }

    @Test
    void anErlangClientRefusesOurCertificateForAnotherHostWithHostnameCheckFailed() throws Exception {
        try (SslListenSocket l = listen(List.of(cert(B.certificate()), key(B.key())))) {
            var server = serve(l, 1, ErlangSsl::echoPassive);
            try (ErlangPeer erl = peer(dir, "client", String.valueOf(l.port()), "localhost",
                    "[" + ERLANG_VERIFYING + "]", "1", "none")) {
                String text = assertErlangAlert(erl.expect("connect 1: "), AlertDescription.HANDSHAKE_FAILURE,
                        "generated CLIENT ALERT: Fatal - Handshake Failure");
                assertTrue(text.contains("{bad_cert,hostname_check_failed}"), text);
                erl.expectOk();
            }
            assertAlert(AlertDescription.HANDSHAKE_FAILURE, "received CLIENT ALERT: Fatal - Handshake Failure",
                    alert(served(server).refusal()));
        }
    }

    // ---------------------------------------------------------------- certificates an Erlang server presents

    @Test
    void ourClientRefusesAnExpiredErlangServerWithCertificateExpiredAndErlangHearsIt() throws Exception {
        try (ErlangPeer erl = peer(dir, "server", "[" + erlangServer("expired") + "]", "1")) {
            InetException e = assertThrows(InetException.class,
                    () -> Ssl.connect("localhost", erl.port(), TRUSTING, PATIENCE_MS));
            assertAlert(AlertDescription.CERTIFICATE_EXPIRED, "generated CLIENT ALERT: Fatal - Certificate Expired", alert(e));
            assertErlangAlert(erl.expect("handshake 1: "), AlertDescription.CERTIFICATE_EXPIRED,
                    "received CLIENT ALERT: Fatal - Certificate Expired");
            erl.expectOk();
        }
    }

    /**
     * The alert an Erlang peer hears when we refuse its certificate for {@code reason}: Erlang's
     * own on TLS 1.2, where otpnet sends it in the clear; on TLS 1.3 the JDK's engine encrypts
     * its certificate_unknown and otpnet cannot change it (see the package documentation).
     */
    AlertDescription heardByErlang(TlsVersion v, AlertDescription reason) {
        return v == TlsVersion.TLSV1_2 ? reason : AlertDescription.CERTIFICATE_UNKNOWN;
    }

    @ParameterizedTest(name = "our client on {0}")
    @EnumSource(value = TlsVersion.class, names = {"TLSV1_2", "TLSV1_3"})
    void ourClientRefusesAnErlangServerFromAnUnknownCaWithUnknownCa(TlsVersion v) throws Exception {
        try (ErlangPeer erl = peer(dir, "server", "[" + erlangServer("untrusted") + "]", "1")) {
            InetException e = assertThrows(InetException.class,
                    () -> Ssl.connect("localhost", erl.port(), with(TRUSTING, versions(v)), PATIENCE_MS));
            assertAlert(AlertDescription.UNKNOWN_CA, "generated CLIENT ALERT: Fatal - Unknown CA", alert(e));
            assertErlangAlert(erl.expect("handshake 1: "), heardByErlang(v, AlertDescription.UNKNOWN_CA),
                    "received CLIENT ALERT: Fatal - ");
            erl.expectOk();
        }
    }

    @ParameterizedTest(name = "our client on {0}")
    @EnumSource(value = TlsVersion.class, names = {"TLSV1_2", "TLSV1_3"})
    void ourClientRefusesAnErlangServersCertificateForAnotherHostWithHostnameCheckFailed(TlsVersion v) throws Exception {
        try (ErlangPeer erl = peer(dir, "server", "[" + erlangServer("b") + "]", "1")) {
            InetException e = assertThrows(InetException.class,
                    () -> Ssl.connect("localhost", erl.port(), with(TRUSTING, versions(v)), PATIENCE_MS));
            TlsAlert mine = alert(e);
            assertAlert(AlertDescription.HANDSHAKE_FAILURE, "generated CLIENT ALERT: Fatal - Handshake Failure", mine);
            assertTrue(mine.text().contains("{bad_cert,hostname_check_failed}"), mine.text());
            assertErlangAlert(erl.expect("handshake 1: "), heardByErlang(v, AlertDescription.HANDSHAKE_FAILURE),
                    "received CLIENT ALERT: Fatal - ");
            erl.expectOk();
        }
    }

    @ParameterizedTest(name = "Erlang client on {0}")
    @EnumSource(value = TlsVersion.class, names = {"TLSV1_2", "TLSV1_3"})
    void ourServerRefusesAnErlangClientCertificateFromAnUnknownCaWithUnknownCa(TlsVersion v) throws Exception {
        try (SslListenSocket l = listen(REQUIRING)) {
            var server = serve(l, 1, ErlangSsl::echoPassive);
            try (ErlangPeer erl = peer(dir, "client", String.valueOf(l.port()), "localhost",
                    "[" + ERLANG_VERIFYING + ",{certfile,\"stranger.pem\"},{keyfile,\"stranger.key\"},{versions,["
                            + v.atom() + "]}]", "1", "none")) {
                assertAlert(AlertDescription.UNKNOWN_CA, "generated SERVER ALERT: Fatal - Unknown CA",
                        alert(served(server).refusal()));
                if (v == TlsVersion.TLSV1_2) {
                    assertErlangAlert(erl.expect("connect 1: "), AlertDescription.UNKNOWN_CA,
                            "received SERVER ALERT: Fatal - Unknown CA");
                } else {
                    // TLS 1.3: the JDK's server encrypts certificate_unknown for any refused client
                    // certificate; BoringSSL sends the alert our verification chose
                    assertErlangToldClosedAfterConnecting(erl, heardByErlang(v, AlertDescription.UNKNOWN_CA));
                }
                erl.expectOk();
            }
        }
    }

    // ---------------------------------------------------------------- a client without a certificate

    final List<SslOption> REQUIRING = withEngine(List.of(cert(TestPki.SERVER.certificate()), key(TestPki.SERVER.key()),
            verify(VerifyType.VERIFY_PEER), failIfNoPeerCert(true), cacerts(TestPki.anchors())));

    @ParameterizedTest(name = "Erlang client on {0}")
    @EnumSource(value = TlsVersion.class, names = {"TLSV1_2", "TLSV1_3"})
    void ourServerRequiringACertificateRefusesAnErlangClientWithoutOne(TlsVersion v) throws Exception {
        try (SslListenSocket l = listen(REQUIRING)) {
            var server = serve(l, 1, ErlangSsl::echoPassive);
            try (ErlangPeer erl = peer(dir, "client", String.valueOf(l.port()), "localhost",
                    "[" + ERLANG_VERIFYING + ",{versions,[" + v.atom() + "]}]", "1", "none")) {
                if (v == TlsVersion.TLSV1_2) {
                    assertErlangAlert(erl.expect("connect 1: "), AlertDescription.HANDSHAKE_FAILURE,
                            "received SERVER ALERT: Fatal - Handshake Failure");
                    assertAlert(AlertDescription.HANDSHAKE_FAILURE, "generated SERVER ALERT: Fatal - Handshake Failure",
                            alert(served(server).refusal()));
                } else {
                    assertErlangToldClosedAfterConnecting(erl, AlertDescription.CERTIFICATE_REQUIRED);
                    assertAlert(AlertDescription.CERTIFICATE_REQUIRED, "generated SERVER ALERT: Fatal - Certificate required",
                            alert(served(server).refusal()));
                }
                erl.expectOk();
            }
        }
    }

    @ParameterizedTest(name = "Erlang server on {0}")
    @EnumSource(value = TlsVersion.class, names = {"TLSV1_2", "TLSV1_3"})
    void anErlangServerRequiringACertificateRefusesOurClientWithoutOne(TlsVersion v) throws Exception {
        try (ErlangPeer erl = peer(dir, "server", "[" + erlangServer("server")
                + ",{verify,verify_peer},{fail_if_no_peer_cert,true},{cacertfile,\"ca.pem\"},{versions,[" + v.atom() + "]}]",
                "1")) {
            if (v == TlsVersion.TLSV1_2) {
                InetException e = assertThrows(InetException.class,
                        () -> Ssl.connect("localhost", erl.port(), TRUSTING, PATIENCE_MS));
                assertAlert(AlertDescription.HANDSHAKE_FAILURE, "received SERVER ALERT: Fatal - Handshake Failure", alert(e));
                assertErlangAlert(erl.expect("handshake 1: "), AlertDescription.HANDSHAKE_FAILURE,
                        "generated SERVER ALERT: Fatal - Handshake Failure");
            } else {
                // TLS 1.3: our handshake is done before the server reads our (empty) certificate
                SslSocket s = Ssl.connect("localhost", erl.port(), with(TRUSTING, binary(), active(false)), PATIENCE_MS);
                InetException e = assertThrows(InetException.class, () -> s.recv(0, PATIENCE_MS));
                assertAlert(AlertDescription.CERTIFICATE_REQUIRED, "received SERVER ALERT: Fatal - Certificate required",
                        alert(e));
                assertErlangAlert(erl.expect("handshake 1: "), AlertDescription.CERTIFICATE_REQUIRED,
                        "generated SERVER ALERT: Fatal - Certificate required");
            }
            erl.expectOk();
        }
    }

    // ---------------------------------------------------------------- not TLS at all

    /** What a raw gen_tcp peer printed: the bytes it got back, and how the connection ended. */
    record RawOutcome(List<String> got, String closed) {
        static RawOutcome of(ErlangPeer erl) {
            List<String> got = new ArrayList<>();
            String closed = erl.expect("closed: ");
            for (String line : erl.seen()) {
                if (line.startsWith("got: ")) {
                    got.add(line.substring(5));
                }
            }
            return new RawOutcome(got, closed);
        }
    }

    @Test
    void garbageInsteadOfAClientHelloGetsTheAlertAndReasonErlangsOwnServerGives() throws Exception {
        String http = HexFormat.of().formatHex("GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        RawOutcome fromUs;
        TlsAlert mine;
        try (SslListenSocket l = listen(SERVER)) {
            var server = serve(l, 1, ErlangSsl::echoPassive);
            try (ErlangPeer raw = peer(dir, "raw_client", String.valueOf(l.port()), http)) {
                fromUs = RawOutcome.of(raw);
                raw.expectOk();
            }
            mine = alert(served(server).refusal());
        }
        RawOutcome fromErlang;
        String erlangReason;
        try (ErlangPeer erl = peer(dir, "server", "[" + erlangServer("server") + "]", "1");
             ErlangPeer raw = peer(dir, "raw_client", String.valueOf(erl.port()), http)) {
            fromErlang = RawOutcome.of(raw);
            raw.expectOk();
            erlangReason = erl.expect("handshake 1: ");
            erl.expectOk();
        }
        assertEquals(fromErlang, fromUs, "what the raw peer gets back: a fatal alert record, then the close");
        assertEquals(List.of("<<21,3,3,0,2,2,10>>"), fromUs.got(), "a fatal unexpected_message alert");
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, "TLS server: In state hello at ", mine);
        assertTrue(mine.text().contains("generated SERVER ALERT: Fatal - Unexpected Message\n"), mine.text());
        String text = assertErlangAlert(erlangReason, mine.description(),
                "TLS server: In state hello at tls_record.erl:");
        // Erlang prints the string with \n escaped; the detail after it is the same term
        String detail = mine.text().substring(mine.text().indexOf('\n') + 1);
        assertEquals(" {unsupported_record_type,71}", detail);
        assertTrue(text.contains("generated SERVER ALERT: Fatal - Unexpected Message\\n" + detail + "\""), text);
    }

    @Test
    void aClientHelloThatNeverCompletesTimesOurHandshakeOutAndTheRawPeerSeesTheClose() throws Exception {
        try (SslListenSocket l = listen(SERVER)) {
            var server = serve(l, 1, 500, ErlangSsl::echoPassive);
            // a handshake record header announcing 200 bytes, and nothing more
            try (ErlangPeer raw = peer(dir, "raw_client", String.valueOf(l.port()), "16030100c8")) {
                Served r = served(server);
                assertEquals(InetError.TIMEOUT, assertInstanceOf(InetException.class, r.failure()).reason());
                RawOutcome out = RawOutcome.of(raw);
                assertEquals(new RawOutcome(List.of(), "closed: closed"), out, "no alert after a time-out, as in Erlang");
                raw.expectOk();
            }
        }
    }

    @Test
    void ourConnectToAPeerThatNeverAnswersTimesOut() throws Exception {
        try (ErlangPeer raw = peer(dir, "raw_server")) {
            int port = raw.port();
            InetException e = assertThrows(InetException.class, () -> Ssl.connect("localhost", port, TRUSTING, 500));
            assertEquals(InetError.TIMEOUT, e.reason());
            RawOutcome out = RawOutcome.of(raw);
            assertTrue(out.got().getFirst().startsWith("<<22,3,"), "our ClientHello arrived: " + out);
            assertEquals("closed: closed", out.closed());
            raw.expectOk();
        }
    }

    // ---------------------------------------------------------------- FIN without close_notify

    @Test
    void anErlangClientEndingTcpWithoutCloseNotifyIsReportedAsTruncatedToActiveAndPassiveSockets() throws Exception {
        try (SslListenSocket l = listen(SERVER)) {
            var server = serve(l, 2, (s, i) -> {
                List<Object> seen = new ArrayList<>();
                if (i == 1) {
                    s.setopts(List.of(active(true)));
                    SocketMessage m;
                    do {
                        m = nextMessage();
                        seen.add(m);
                    } while (!(m instanceof SocketMessage.Closed));
                } else {
                    seen.add(s.recv(0, PATIENCE_MS));
                    try {
                        s.recv(0, PATIENCE_MS);
                    } catch (InetException e) {
                        seen.add(e.reason());
                    }
                }
                seen.add(s.truncated());
                return seen;
            });
            try (ErlangPeer erl = peer(dir, "truncating_client", String.valueOf(l.port()),
                    "[" + ERLANG_VERIFYING + ",{server_name_indication,\"localhost\"}]", "2")) {
                Served active = served(server).ok();
                SslSocket s = (SslSocket) ((SocketMessage) ((List<?>) active.result()).getFirst()).socket();
                assertEquals(List.of(new SocketMessage.Data(s, Bytes.latin1("partial")), new SocketMessage.Error(s, TRUNCATED),
                        new SocketMessage.Closed(s), true), active.result(), "{ssl,S,Data}, {ssl_error,S,{closed,truncated}}, {ssl_closed,S}");
                assertEquals(List.of(Bytes.latin1("partial"), TRUNCATED, true), served(server).ok().result(),
                        "recv gives the data, then {error,{closed,truncated}}");
                assertEquals("after 1: {error,closed}", erl.expect("after 1: "));
                assertEquals("after 2: {error,closed}", erl.expect("after 2: "));
                erl.expectOk();
            }
        }
    }

    @Test
    void anErlangServerEndingTcpWithoutCloseNotifyIsReportedAsTruncatedToOurClient() throws Exception {
        try (ErlangPeer erl = peer(dir, "truncating_server", "[" + erlangServer("server") + "]")) {
            SslSocket s = Ssl.connect("localhost", erl.port(), with(TRUSTING, binary(), active(true)), PATIENCE_MS);
            assertEquals(new SocketMessage.Data(s, Bytes.latin1("partial")), nextMessage());
            SocketMessage error = nextMessage();
            assertEquals(new SocketMessage.Error(s, TRUNCATED), error);
            assertEquals("{ssl_error," + s + ",{closed,truncated}}", error.toString());
            assertEquals(new SocketMessage.Closed(s), nextMessage());
            assertTrue(s.truncated());
            assertFalse(s.isOpen());
            assertEquals("after 1: {error,closed}", erl.expect("after 1: "));
            erl.expectOk();
        }
    }
}
