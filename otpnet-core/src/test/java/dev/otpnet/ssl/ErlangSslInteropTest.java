package dev.otpnet.ssl;

import dev.otpnet.testing.OnEngine;
import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.ssl.ErlangSsl.A;
import static dev.otpnet.ssl.ErlangSsl.B;
import static dev.otpnet.ssl.ErlangSsl.ERLANG_VERIFYING;
import static dev.otpnet.ssl.ErlangSsl.PATIENCE_MS;
import static dev.otpnet.ssl.ErlangSsl.UNTRUSTED;
import static dev.otpnet.ssl.ErlangSsl.echo;
import static dev.otpnet.ssl.ErlangSsl.echoPassive;
import static dev.otpnet.ssl.ErlangSsl.erlangServer;
import static dev.otpnet.ssl.ErlangSsl.field;
import static dev.otpnet.ssl.ErlangSsl.hex;
import static dev.otpnet.ssl.ErlangSsl.listen;
import static dev.otpnet.ssl.ErlangSsl.peer;
import static dev.otpnet.ssl.ErlangSsl.receive;
import static dev.otpnet.ssl.ErlangSsl.serve;
import static dev.otpnet.ssl.ErlangSsl.served;
import static dev.otpnet.ssl.ErlangSsl.with;
import static dev.otpnet.ssl.SslOptions.alpnAdvertisedProtocols;
import static dev.otpnet.ssl.SslOptions.alpnPreferredProtocols;
import static dev.otpnet.ssl.SslOptions.cacerts;
import static dev.otpnet.ssl.SslOptions.cert;
import static dev.otpnet.ssl.SslOptions.failIfNoPeerCert;
import static dev.otpnet.ssl.SslOptions.handshake;
import static dev.otpnet.ssl.SslOptions.key;
import static dev.otpnet.ssl.SslOptions.serverNameIndication;
import static dev.otpnet.ssl.SslOptions.sniHosts;
import static dev.otpnet.ssl.SslOptions.verify;
import static dev.otpnet.ssl.SslOptions.verifyFun;
import static dev.otpnet.ssl.SslOptions.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.AnyOption;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.process.Proc;
import dev.otpnet.ssl.ErlangSsl.Served;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpListenSocket;
import dev.otpnet.tcp.TcpSocket;
import dev.otpnet.testing.ErlangPeer;
import dev.otpnet.testing.Peers;
import dev.otpnet.testing.TestPki;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * otpnet's ssl sockets ({@link Ssl}, {@link SslSocket}) against Erlang/OTP's ssl application,
 * both directions: framing and active modes, versions, mutual TLS, SNI, ALPN, resumption,
 * STARTTLS upgrade and downgrade, verify funs. The refusals are in
 * {@link ErlangSslFailuresInteropTest}. The Erlang side is {@code resources/erlang/ssl_peer.escript}.
 */
@Tag("interop")
@Timeout(120)
class ErlangSslInteropTest implements OnEngine {
    final List<SslOption> SERVER = withEngine(ErlangSsl.SERVER);
    final List<SslOption> TRUSTING = withEngine(ErlangSsl.TRUSTING);


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

    // ---------------------------------------------------------------- packets, sizes, active modes

    /** One connection of the matrix: our framing and active mode, and the Erlang side's. */
    record Case(int packet, ActiveMode ours, ActiveMode theirs) {
        String erlang() {
            return packet + ":" + theirs;
        }
    }

    /**
     * Every packet type with every one of our active modes, and, across the three packet types,
     * every pairing of our mode with the Erlang side's (a Latin square: 9 connections, not 27).
     */
    static List<Case> matrix() {
        ActiveMode[] modes = {ActiveMode.TRUE, ActiveMode.ONCE, ActiveMode.FALSE};
        int[] packets = {0, 2, 4};
        List<Case> out = new ArrayList<>();
        for (int j = 0; j < packets.length; j++) {
            for (int i = 0; i < modes.length; i++) {
                out.add(new Case(packets[j], modes[i], modes[(i + j) % modes.length]));
            }
        }
        return out;
    }

    static String erlangCases(List<Case> cases) {
        return cases.stream().map(Case::erlang).collect(Collectors.joining(","));
    }

    /** The sizes a packet type carries: raw has no empty packet, {packet,2} stops at 65535. */
    static List<Integer> sizes(int packet) {
        return switch (packet) {
            case 0 -> List.of(1, 255, 256, 65535, 65536, 1 << 20);
            case 2 -> List.of(0, 1, 255, 256, 65535);
            default -> List.of(0, 1, 255, 256, 65535, 65536, 1 << 20);
        };
    }

    @ParameterizedTest(name = "Erlang client on {0}")
    @EnumSource(value = TlsVersion.class, names = {"TLSV1_2", "TLSV1_3"})
    void anErlangClientRestrictedToOneVersionEchoesEveryPacketTypeSizeAndActiveModeThroughOurServer(TlsVersion v)
            throws Exception {
        List<Case> cases = matrix();
        try (SslListenSocket l = listen(SERVER)) {
            var server = serve(l, cases.size(), (s, i) -> {
                Case c = cases.get(i - 1);
                s.setopts(List.of(packet(c.packet()), active(c.ours())));
                return echo(s, c.ours());
            });
            try (ErlangPeer erl = peer(dir, "echo_client", String.valueOf(l.port()),
                    "[" + ERLANG_VERIFYING + ",{server_name_indication,\"localhost\"},{versions,[" + v.atom() + "]}]",
                    erlangCases(cases))) {
                for (int i = 1; i <= cases.size(); i++) {
                    Case c = cases.get(i - 1);
                    Served r = served(server).ok();
                    assertEquals(v, r.info().protocol(), c.toString());
                    @SuppressWarnings("unchecked")
                    List<Integer> echoed = (List<Integer>) r.result();
                    if (c.packet() == 0) {
                        assertEquals(sizes(0).stream().mapToLong(Integer::longValue).sum(),
                                echoed.stream().mapToLong(Integer::longValue).sum(), c + ": bytes echoed");
                    } else {
                        assertEquals(sizes(c.packet()), echoed, c + ": packets echoed, one per send");
                    }
                    erl.expect("case " + i + ": {" + c.packet() + "," + c.theirs() + "," + v.atom() + "}");
                }
                erl.expectOk();
            }
        }
    }

    @ParameterizedTest(name = "our client on {0}")
    @EnumSource(value = TlsVersion.class, names = {"TLSV1_2", "TLSV1_3"})
    void ourClientRestrictedToOneVersionEchoesEveryPacketTypeSizeAndActiveModeThroughAnErlangServer(TlsVersion v)
            throws Exception {
        List<Case> cases = matrix();
        try (ErlangPeer erl = peer(dir, "echo_server", "[" + erlangServer("server") + "]", erlangCases(cases))) {
            int port = erl.port();
            Random random = new Random(v.ordinal());
            for (int i = 1; i <= cases.size(); i++) {
                Case c = cases.get(i - 1);
                SslSocket s = Ssl.connect("localhost", port,
                        with(TRUSTING, versions(v), binary(), packet(c.packet()), active(c.ours())), PATIENCE_MS);
                assertEquals(v, s.connectionInformation().protocol());
                for (int size : sizes(c.packet())) {
                    byte[] data = new byte[size];
                    random.nextBytes(data);
                    s.send(data);
                    assertEquals(Bytes.wrap(data), receive(s, c.packet(), c.ours(), size), c + ", " + size + " bytes");
                }
                s.close();
                erl.expect("case " + i + ": {" + c.packet() + "," + c.theirs() + "," + v.atom() + "}");
            }
            erl.expectOk();
        }
    }

    // ---------------------------------------------------------------- mutual TLS

    @ParameterizedTest(name = "our server on {0}")
    @EnumSource(value = TlsVersion.class, names = {"TLSV1_2", "TLSV1_3"})
    void ourServerRequiringACertificateAndAnErlangClientSeeEachOthersCertificate(TlsVersion v) throws Exception {
        try (SslListenSocket l = listen(with(SERVER, verify(VerifyType.VERIFY_PEER), failIfNoPeerCert(true),
                cacerts(TestPki.anchors()), versions(v)))) {
            var server = serve(l, 1, (s, i) -> {
                Bytes peer = s.peercert();
                echoPassive(s, i);
                return peer;
            });
            try (ErlangPeer erl = peer(dir, "client", String.valueOf(l.port()), "localhost",
                    "[" + ERLANG_VERIFYING + ",{certfile,\"client.pem\"},{keyfile,\"client.key\"}]", "1", "none")) {
                String info = erl.expect("info 1: ");
                assertEquals(hex(TestPki.SERVER), field(info, "peercert"), "ssl:peercert/1 on the Erlang side");
                assertEquals(v.atom(), field(info, "protocol"), "our server's versions decide");
                erl.expect("reply 1: <<\"hello\">>");
                erl.expectOk();
            }
            Served r = served(server).ok();
            assertEquals(Bytes.wrap(TestPki.CLIENT.certificate().getEncoded()), r.result(), "our peercert()");
            assertEquals(v, r.info().protocol());
        }
    }

    @ParameterizedTest(name = "Erlang server on {0}")
    @EnumSource(value = TlsVersion.class, names = {"TLSV1_2", "TLSV1_3"})
    void ourClientWithACertificateAndAnErlangServerRequiringOneSeeEachOthersCertificate(TlsVersion v) throws Exception {
        try (ErlangPeer erl = peer(dir, "server", "[" + erlangServer("server")
                + ",{verify,verify_peer},{fail_if_no_peer_cert,true},{cacertfile,\"ca.pem\"},{versions,[" + v.atom() + "]}]",
                "1")) {
            SslSocket s = Ssl.connect("localhost", erl.port(), with(TRUSTING, cert(TestPki.CLIENT.certificate()),
                    key(TestPki.CLIENT.key()), binary(), active(false)), PATIENCE_MS);
            assertEquals(Bytes.wrap(TestPki.SERVER.certificate().getEncoded()), s.peercert(), "our peercert()");
            assertEquals(v, s.connectionInformation().protocol(), "the Erlang server's versions decide");
            s.send("hello");
            assertEquals(Bytes.latin1("hello"), s.recv(0, PATIENCE_MS));
            s.close();
            String info = erl.expect("info 1: ");
            assertEquals(hex(TestPki.CLIENT), field(info, "peercert"), "ssl:peercert/1 on the Erlang side");
            erl.expect("closed 1: closed");
            erl.expectOk();
        }
    }

    // ---------------------------------------------------------------- SNI and ALPN

    @ParameterizedTest(name = "SNI {0}")
    @ValueSource(strings = {"a.test", "b.test", "localhost"})
    void ourServerChoosesItsCertificateByTheNameAnErlangClientSends(String name) throws Exception {
        Map<String, List<SslOption>> hosts = Map.of(
                "a.test", List.of(cert(A.certificate()), key(A.key())),
                "b.test", List.of(cert(B.certificate()), key(B.key())));
        Credential expected = switch (name) {
            case "a.test" -> A;
            case "b.test" -> B;
            default -> TestPki.SERVER;
        };
        try (SslListenSocket l = listen(with(SERVER, sniHosts(hosts)))) {
            var server = serve(l, 1, ErlangSsl::echoPassive);
            // the Erlang client checks the certificate against the name it sent
            try (ErlangPeer erl = peer(dir, "client", String.valueOf(l.port()), "localhost",
                    "[" + ERLANG_VERIFYING + ",{server_name_indication,\"" + name + "\"}]", "1", "none")) {
                assertEquals(hex(expected), field(erl.expect("info 1: "), "peercert"));
                erl.expectOk();
            }
            Served r = served(server).ok();
            assertEquals(name, r.info().sni().orElseThrow(), "the name our server received");
        }
    }

    @Test
    void ourClientSendsTheSniNameItIsGivenAndGetsTheErlangServersCertificateForIt() throws Exception {
        try (ErlangPeer erl = peer(dir, "server", "[" + erlangServer("server")
                + ",{sni_hosts,[{\"b.test\",[" + erlangServer("b") + "]}]}]", "1")) {
            SslSocket s = Ssl.connect("localhost", erl.port(), with(TRUSTING, serverNameIndication("b.test"), binary(),
                    active(false)), PATIENCE_MS);
            assertEquals(B.certificate(), s.peerCertificate());
            assertEquals("b.test", s.connectionInformation().sni().orElseThrow());
            s.close();
            assertEquals("\"b.test\"", field(erl.expect("info 1: "), "sni_hostname"));
            erl.expectOk();
        }
    }

    @Test
    void ourServerPicksItsPreferredAlpnProtocolFromThoseAnErlangClientOffers() throws Exception {
        try (SslListenSocket l = listen(with(SERVER, alpnPreferredProtocols("h2", "http/1.1")))) {
            var server = serve(l, 1, ErlangSsl::echoPassive);
            try (ErlangPeer erl = peer(dir, "client", String.valueOf(l.port()), "localhost",
                    "[" + ERLANG_VERIFYING + ",{alpn_advertised_protocols,[<<\"http/1.1\">>,<<\"h2\">>]}]", "1", "none")) {
                assertEquals("h2", field(erl.expect("info 1: "), "alpn"), "ssl:negotiated_protocol/1");
                erl.expectOk();
            }
            assertEquals("h2", served(server).ok().info().negotiatedProtocol().orElseThrow());
        }
    }

    @Test
    void ourClientOffersAlpnProtocolsAndLearnsWhichOneTheErlangServerPicked() throws Exception {
        try (ErlangPeer erl = peer(dir, "server", "[" + erlangServer("server")
                + ",{alpn_preferred_protocols,[<<\"h2\">>,<<\"http/1.1\">>]}]", "1")) {
            SslSocket s = Ssl.connect("localhost", erl.port(), with(TRUSTING, alpnAdvertisedProtocols("http/1.1", "h2"),
                    binary(), active(false)), PATIENCE_MS);
            assertEquals("h2", Ssl.negotiatedProtocol(s).orElseThrow());
            s.close();
            assertEquals("h2", field(erl.expect("info 1: "), "alpn"));
            erl.expectOk();
        }
    }

    // ---------------------------------------------------------------- session resumption

    /** The Erlang side's options restricting it to {@code v}, with session tickets on TLS 1.3. */
    static String erlangResumption(TlsVersion v, String tickets) {
        return "{versions,[" + v.atom() + "]}" + (v == TlsVersion.TLSV1_3 ? ",{session_tickets," + tickets + "}" : "");
    }

    /**
     * How the Erlang side shows that {@code second} resumed {@code first}: on TLS 1.3
     * session_resumption; on TLS 1.2 the same session id (OTP 25's ssl reports
     * session_resumption false for a TLS 1.2 resumption, even between two Erlang peers).
     */
    static void assertErlangResumed(TlsVersion v, String first, String second) {
        if (v == TlsVersion.TLSV1_3) {
            assertEquals("false", field(first, "session_resumption"), first);
            assertEquals("true", field(second, "session_resumption"), second);
        } else {
            assertEquals(field(first, "session_id"), field(second, "session_id"), "the session id is reused");
        }
    }

    /**
     * OTP 25's client offers its TLS 1.2 session again by id, from its cache ({@code
     * {reuse_sessions, true}}, the default) or when asked ({@code {reuse_session, Id}} after
     * {@code {reuse_sessions, save}}): the hello our server reads carries the id. But it sends no
     * extended_master_secret (RFC 7627), and the JDK's server never resumes a session made
     * without it (RFC 7627 section 5.3; no JSSE setting allows it), so every connection is a full
     * handshake. A JSSE limit: the test shows where it stands.
     */
    @ParameterizedTest(name = "Erlang client flags: {0}")
    @ValueSource(strings = {"none", "save_then_reuse"})
    void anOtp25ClientOffersItsTls12SessionAgainButOurServerCannotResumeOneWithoutExtendedMasterSecret(String flags)
            throws Exception {
        int count = flags.equals("none") ? 2 : 3;
        try (SslListenSocket l = listen(with(SERVER, versions(TlsVersion.TLSV1_2), handshake(HandshakeMode.HELLO)))) {
            var server = serve(l, count, ErlangSsl::echoPassive);
            try (ErlangPeer erl = peer(dir, "client", String.valueOf(l.port()), "localhost",
                    "[" + ERLANG_VERIFYING + ",{versions,['tlsv1.2']}]", String.valueOf(count), flags)) {
                Served first = served(server).ok();
                assertEquals(Bytes.EMPTY, first.hello().sessionId(), "a first hello offers no session");
                String firstId = field(erl.expect("info 1: "), "session_id");
                assertEquals(hex(first.info().sessionId()), firstId, "ssl:connection_information's session_id");
                for (int i = 2; i <= count; i++) {
                    Served again = served(server).ok();
                    assertEquals(first.info().sessionId(), again.hello().sessionId(), "the Erlang client offers the session");
                    if (engine() == TlsEngineKind.BORINGSSL) {
                        // BoringSSL's server resumes a session made without EMS when the resuming hello has none either
                        assertTrue(again.info().resumed(), "BoringSSL resumes the OTP 25 client's TLS 1.2 session");
                        assertEquals(firstId, field(erl.expect("info " + i + ": "), "session_id"));
                    } else {
                        assertFalse(again.info().resumed(), "the JDK's server does not resume a session without EMS");
                        assertNotEquals(firstId, field(erl.expect("info " + i + ": "), "session_id"));
                    }
                }
                erl.expectOk();
            }
        }
    }

    /**
     * On TLS 1.3 OTP 25's client sends psk_key_exchange_modes only once it holds a ticket, and the
     * JDK's server sends a NewSessionTicket only to a client that listed psk_dhe_ke there: an
     * OTP 25 client never gets a ticket from us, so each connection is a full handshake. (Two
     * Erlang peers resume, since Erlang's server sends tickets anyway.) A JSSE limit.
     */
    @Test
    void anOtp25ClientOnTls13GetsNoTicketFromOurServerSoItsSecondConnectionIsAFullHandshake() throws Exception {
        try (SslListenSocket l = listen(SERVER)) {
            var server = serve(l, 2, ErlangSsl::echoPassive);
            try (ErlangPeer erl = peer(dir, "client", String.valueOf(l.port()), "localhost",
                    "[" + ERLANG_VERIFYING + "," + erlangResumption(TlsVersion.TLSV1_3, "auto") + "]", "2", "none")) {
                assertEquals("false", field(erl.expect("info 2: "), "session_resumption"));
                erl.expectOk();
            }
            assertFalse(served(server).ok().info().resumed());
            assertFalse(served(server).ok().info().resumed());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TlsVersion.class, names = {"TLSV1_2", "TLSV1_3"})
    void ourClientReconnectingResumesItsSessionWithAnErlangServer(TlsVersion v) throws Exception {
        try (ErlangPeer erl = peer(dir, "server", "[" + erlangServer("server") + "," + erlangResumption(v, "stateless") + "]",
                "2")) {
            int port = erl.port();
            List<AnyOption> options = with(TRUSTING, binary(), active(false));
            List<ConnectionInfo> infos = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                SslSocket s = Ssl.connect("localhost", port, options, PATIENCE_MS);
                s.send("hello");
                assertEquals(Bytes.latin1("hello"), s.recv(0, PATIENCE_MS), "the session ticket comes before the echo");
                infos.add(s.connectionInformation());
                s.close();
            }
            assertFalse(infos.get(0).resumed(), "a first connection is a full handshake");
            assertTrue(infos.get(1).resumed(), "connection_information's session_resumption");
            assertEquals(v, infos.get(1).protocol(), "the Erlang server's versions decide");
            assertErlangResumed(v, erl.expect("info 1: "), erl.expect("info 2: "));
            erl.expectOk();
        }
    }

    // ---------------------------------------------------------------- STARTTLS upgrade and downgrade

    /** What our STARTTLS server saw. */
    record StartTls(ConnectionInfo tls, Bytes secret, Bytes plain, InetException end, Throwable failure) {
    }

    /**
     * {@code ssl:close(S, {Pid, T})} gave the Erlang side its TCP socket: {@code {ok, Port}}, or
     * {@code {ok, Port, Data}} when our first plaintext came with our close_notify.
     */
    static void assertDowngraded(String line) {
        assertTrue(line.equals("downgrade: ok_port") || line.startsWith("downgrade: {ok_port_data,"), line);
    }

    @ParameterizedTest(name = "our server on {0}")
    @EnumSource(value = TlsVersion.class, names = {"TLSV1_2", "TLSV1_3"})
    void anErlangGenTcpClientUpgradesToTlsWithOurServerAndBothDowngradeBackToPlainTcp(TlsVersion v) throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), binary(), active(false)))) {
            var test = Proc.self();
            Proc.spawn(() -> {
                try {
                    TcpSocket t = l.accept(PATIENCE_MS);
                    assertEquals(Bytes.latin1("STARTTLS\n"), t.recv(9, PATIENCE_MS));
                    t.send("GO\n");
                    SslSocket s = Ssl.handshake(t, with(SERVER, versions(v)), PATIENCE_MS);
                    ConnectionInfo info = s.connectionInformation();
                    Bytes secret = (Bytes) s.recv(6, PATIENCE_MS);
                    s.send(secret);
                    TcpSocket plain = Ssl.close(s, Proc.self(), PATIENCE_MS);
                    Bytes again = (Bytes) plain.recv(11, PATIENCE_MS);
                    plain.send("plain back");
                    InetException end = null;
                    try {
                        plain.recv(0, PATIENCE_MS);
                    } catch (InetException e) {
                        end = e;
                    }
                    test.send(new StartTls(info, secret, again, end, null));
                } catch (Throwable e) {
                    test.send(new StartTls(null, null, null, null, e));
                }
            });
            try (ErlangPeer erl = peer(dir, "starttls_client", String.valueOf(l.port()),
                    "[" + ERLANG_VERIFYING + ",{server_name_indication,\"localhost\"}]")) {
                String tls = erl.expect("tls: ");
                assertEquals(v.atom(), field(tls, "protocol"));
                assertEquals(hex(TestPki.SERVER), field(tls, "peercert"));
                assertDowngraded(erl.expect("downgrade: "));
                erl.expect("plain: <<\"plain back\">>");
                erl.expectOk();
            }
            StartTls st = Proc.receive(StartTls.class, 2 * PATIENCE_MS).orElseThrow();
            if (st.failure() != null) {
                throw new AssertionError("our server failed", st.failure());
            }
            assertEquals(v, st.tls().protocol());
            assertEquals(Bytes.latin1("secret"), st.secret());
            assertEquals(Bytes.latin1("plain again"), st.plain(), "plain TCP after the downgrade");
            assertEquals(InetError.CLOSED, st.end().reason(), "the Erlang side closed the plain socket");
        }
    }

    @ParameterizedTest(name = "Erlang server on {0}")
    @EnumSource(value = TlsVersion.class, names = {"TLSV1_2", "TLSV1_3"})
    void ourGenTcpClientUpgradesToTlsWithAnErlangServerAndBothDowngradeBackToPlainTcp(TlsVersion v) throws Exception {
        try (ErlangPeer erl = peer(dir, "starttls_server", "[" + erlangServer("server") + ",{versions,[" + v.atom() + "]}]")) {
            TcpSocket t = GenTcp.connect("127.0.0.1", erl.port(), List.of(binary(), active(false)), PATIENCE_MS);
            t.send("STARTTLS\n");
            assertEquals(Bytes.latin1("GO\n"), t.recv(3, PATIENCE_MS));
            // no server_name_indication: the certificate is checked against the address, 127.0.0.1
            SslSocket s = Ssl.connect(t, TRUSTING, PATIENCE_MS);
            assertFalse(t.isOpen(), "the TCP socket became the TLS socket");
            assertEquals(v, s.connectionInformation().protocol());
            s.send("secret");
            assertEquals(Bytes.latin1("secret"), s.recv(6, PATIENCE_MS));
            TcpSocket plain = Ssl.close(s, Proc.self(), PATIENCE_MS);
            assertFalse(s.isOpen());
            // the Erlang server speaks first after the downgrade (see starttls_server in the escript)
            assertEquals(Bytes.latin1("plain back"), plain.recv(10, PATIENCE_MS));
            plain.send("plain again");
            plain.close();
            assertEquals(v.atom(), field(erl.expect("tls: "), "protocol"));
            assertDowngraded(erl.expect("downgrade: "));
            erl.expect("plain: <<\"plain again\">>");
            erl.expectOk();
        }
    }

    // ---------------------------------------------------------------- verify funs

    @Test
    void ourClientsVerifyFunAcceptsAnErlangServerFromAnUnknownCa() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        VerifyFun<Object> acceptUnknownCa = (c, event, state) -> {
            events.add(event.toString());
            return switch (event) {
                case VerifyEvent.BadCertEvent(BadCert r) when r == BadCert.UNKNOWN_CA -> VerifyResult.valid(state);
                case VerifyEvent.BadCertEvent bad -> VerifyResult.fail(bad);
                case VerifyEvent.Extension ext -> VerifyResult.unknown(state);
                default -> VerifyResult.valid(state);
            };
        };
        try (ErlangPeer erl = peer(dir, "server", "[" + erlangServer("untrusted") + "]", "1")) {
            SslSocket s = Ssl.connect("localhost", erl.port(), with(TRUSTING, verifyFun(acceptUnknownCa, null), binary(),
                    active(false)), PATIENCE_MS);
            assertEquals(UNTRUSTED.certificate(), s.peerCertificate());
            s.send("hello");
            assertEquals(Bytes.latin1("hello"), s.recv(0, PATIENCE_MS));
            s.close();
            assertTrue(events.contains("{bad_cert,unknown_ca}"), "the fun was asked: " + events);
            assertTrue(erl.expect("handshake 1: ").startsWith("handshake 1: {ok,"));
            erl.expect("closed 1: closed");
            erl.expectOk();
        }
    }

    @Test
    void anErlangClientsVerifyFunAcceptsOurServerFromACaItDoesNotKnow() throws Exception {
        try (SslListenSocket l = listen(SERVER)) {
            var server = serve(l, 1, ErlangSsl::echoPassive);
            try (ErlangPeer erl = peer(dir, "client", String.valueOf(l.port()), "localhost",
                    "[{verify,verify_peer},{cacertfile,\"other-ca.pem\"}]", "1", "accept_unknown_ca")) {
                assertTrue(erl.expect("connect 1: ").startsWith("connect 1: {ok,"));
                erl.expect("reply 1: <<\"hello\">>");
                erl.expectOk();
            }
            served(server).ok();
        }
    }

    // ---------------------------------------------------------------- key updates

    /**
     * TLS 1.3 KeyUpdates from an Erlang client, some asking our server to update its keys too,
     * between packets our server echoes in each active mode. Our socket reads on the wire
     * poller, which must not wait: the answering KeyUpdate is written off it, and reading
     * resumes afterwards, so every echo after an update comes back, 1 MiB of records included.
     */
    @ParameterizedTest(name = "our server in {0}")
    @EnumSource(value = ActiveMode.class, names = {"TRUE", "ONCE", "FALSE"})
    void anErlangClientsKeyUpdatesBetweenPacketsKeepOurServerEchoingInEveryActiveMode(ActiveMode mode) throws Exception {
        int rounds = 6;
        try (SslListenSocket l = listen(SERVER)) {
            var server = serve(l, 1, (s, i) -> {
                s.setopts(List.of(packet(4), active(mode)));
                return echo(s, mode);
            });
            try (ErlangPeer erl = peer(dir, "key_update_client", String.valueOf(l.port()),
                    "[" + ERLANG_VERIFYING + ",{server_name_indication,\"localhost\"},{versions,['tlsv1.3']}]",
                    Integer.toString(rounds))) {
                for (int i = 1; i <= rounds; i++) {
                    erl.expect("echo " + i + ": <<\"round " + i + "\">>");
                    erl.expect("update " + i + ": ok");
                }
                erl.expect("big: " + (1 << 20));
                erl.expectOk();
            }
            List<Integer> expected = new ArrayList<>(Collections.nCopies(rounds, 7));
            expected.add(1 << 20);
            assertEquals(expected, served(server).ok().result(), "packets echoed");
        }
    }
}
