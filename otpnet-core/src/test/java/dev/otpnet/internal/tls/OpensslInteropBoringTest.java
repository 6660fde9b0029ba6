package dev.otpnet.internal.tls;

import static dev.otpnet.ssl.SslOptions.clientRenegotiation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.testing.PeerProcess;
import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.SslError;
import dev.otpnet.ssl.TlsAlert;
import dev.otpnet.ssl.TlsEngineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@link OpensslInteropTest} with our end on BoringSSL ({@code {engine, boringssl}}). Where
 * BoringSSL does otherwise, the test is overridden with what it does: it refuses what it cannot
 * do, and says handshake_failure and no_renegotiation where the JDK says certificate_unknown and
 * handshake_failure (both as Erlang does).
 */
class OpensslInteropBoringTest extends OpensslInteropTest {
    @Override
    public TlsEngineKind engine() {
        return TlsEngineKind.BORINGSSL;
    }

    /** A verify fun's refusal is handshake_failure on the wire in both versions, as Erlang sends it. */
    @ParameterizedTest
    @ValueSource(strings = {"-tls1_2", "-tls1_3"})
    void aVerifyFunRefusalIsHandshakeFailureAndOnTls13TheWireSaysCertificateUnknown(String version) throws Exception {
        dev.otpnet.ssl.VerifyFun<Object> refuse = (cert, event, state) -> event == dev.otpnet.ssl.VerifyEvent.VALID_PEER
                ? dev.otpnet.ssl.VerifyResult.fail("not_this_one") : dev.otpnet.ssl.VerifyResult.valid(state);
        try (PeerProcess s = sServer("-cert", "server.pem", "-key", "server.key", version)) {
            InetException e = assertThrows(InetException.class,
                    () -> connect(port(s), "localhost", dev.otpnet.ssl.SslOptions.verifyFun(refuse, null)));
            TlsAlert a = assertInstanceOf(TlsAlert.class, e.reason());
            assertEquals(AlertDescription.HANDSHAKE_FAILURE, a.description());
            assertTrue(a.text().contains("not_this_one"), a.text());
            s.awaitContaining("alert handshake failure");
        }
    }

    /** Stand-in for the JSSE-only variant above (its parameters differ), so that JUnit does not run it. */
    @Override
    void aVerifyFunRefusalIsHandshakeFailureAndOnTls13TheWireSaysCertificateUnknown(String version, String wire) {
    }

    @Override
    @Test
    void renegotiationAndKeyUpdatesStartedByAnOtpnetClientKeepOpensslTalking() throws Exception {
        try (PeerProcess s = sServer("-cert", "server.pem", "-key", "server.key", "-tls1_3")) {
            TlsWire c = connect(port(s), "localhost");
            InetException e = assertThrows(InetException.class, c::updateKeys);
            assertEquals(SslError.NOTSUP, e.reason());
            assertTrue(e.getMessage().contains("BoringSSL"), e.getMessage());
            io(c);
            c.close();
        }
        try (PeerProcess s = sServer("-cert", "server.pem", "-key", "server.key", "-tls1_2", "-client_renegotiation")) {
            TlsWire c = connect(port(s), "localhost");
            InetException e = assertThrows(InetException.class, () -> c.renegotiate(10_000));
            assertEquals(SslError.NOTSUP, e.reason());
            io(c);
            c.close();
        }
    }

    /** The refusal leaves the connection working. */
    private static void io(TlsWire c) throws Exception {
        Io.write(c, "still\n");
        assertEquals("llits\n", Io.readString(c, 6));
    }

    @Override
    @Test
    void anOpensslServerThatRefusesRenegotiationGivesRenegotiationRejected() throws Exception {
        try (PeerProcess s = sServer("-cert", "server.pem", "-key", "server.key", "-tls1_2")) {
            TlsWire c = connect(port(s), "localhost");
            assertEquals(SslError.NOTSUP, assertThrows(InetException.class, () -> c.renegotiate(10_000)).reason());
            c.close();
        }
    }

    @Override
    @Test
    void opensslRenegotiatesWithAnOtpnetServerThatAllowsItOnTls12() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> serverConfig(clientRenegotiation(true)));
        assertTrue(e.getMessage().startsWith("{client_renegotiation,true} is not supported with {engine,boringssl}"),
                e.getMessage());
    }

    @Override
    @Test
    void anOtpnetServerRefusesOpensslsRenegotiationWithAFatalHandshakeFailureByDefault() throws Exception {
        try (TlsEchoServer server = TlsEchoServer.start(serverConfig(), 1);
             PeerProcess c = sClient(server.port(), "-tls1_2")) {
            c.send("before");
            c.awaitContaining("before");
            c.send("R");
            TlsEchoServer.Session s = server.next();
            assertEquals(AlertDescription.NO_RENEGOTIATION, assertInstanceOf(TlsAlert.class, s.endError().reason()).description());
            // an error, not a clean close: BoringSSL's fatal no_renegotiation
            c.awaitContaining("no renegotiation");
            c.closeInput();
            c.awaitExit();
        }
    }
}
