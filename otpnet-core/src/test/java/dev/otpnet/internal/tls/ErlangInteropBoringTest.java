package dev.otpnet.internal.tls;

import static dev.otpnet.ssl.SslOptions.clientRenegotiation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.testing.PeerProcess;
import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.TlsAlert;
import dev.otpnet.ssl.TlsEngineKind;
import org.junit.jupiter.api.Test;

/**
 * Every {@link ErlangInteropTest} with our end on BoringSSL ({@code {engine, boringssl}}); where
 * BoringSSL does otherwise (it never lets a client renegotiate, and refuses with
 * no_renegotiation, as Erlang's own server does), the test says so.
 */
class ErlangInteropBoringTest extends ErlangInteropTest {
    @Override
    public TlsEngineKind engine() {
        return TlsEngineKind.BORINGSSL;
    }

    @Override
    @Test
    void anErlangClientRenegotiatesWithAnOtpnetServerThatAllowsItOnTls12() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> server("server", clientRenegotiation(true)));
        assertTrue(e.getMessage().contains("BoringSSL servers never renegotiate"), e.getMessage());
    }

    @Override
    @Test
    void anOtpnetServerWithClientRenegotiationOffEndsAnErlangClientsRenegotiation() throws Exception {
        try (TlsEchoServer server = TlsEchoServer.start(server("server", clientRenegotiation(false)), 1);
             PeerProcess c = erlangClient(server.port(), VERIFYING + ",{versions,['tlsv1.2']},{log_level,info}]",
                     "renegotiate")) {
            c.awaitContaining("received SERVER ALERT: Fatal - No Renegotiation");
            assertEquals("renegotiate: {error,closed}", c.awaitContaining("renegotiate: "));
            TlsAlert mine = assertInstanceOf(TlsAlert.class, server.next().endError().reason());
            assertEquals(AlertDescription.NO_RENEGOTIATION, mine.description());
        }
    }
}
