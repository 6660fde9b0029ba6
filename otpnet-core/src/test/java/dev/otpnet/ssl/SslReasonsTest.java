package dev.otpnet.ssl;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SslReasonsTest {

    @Test
    void aGeneratedAlertPrintsAsErlangPrintsIt() {
        TlsAlert a = TlsAlert.generated(TlsAlert.Side.CLIENT, "certify", "PeerVerifier", AlertLevel.FATAL,
                AlertDescription.UNKNOWN_CA, null);
        assertEquals("TLS client: In state certify at PeerVerifier generated CLIENT ALERT: Fatal - Unknown CA\n", a.text());
        assertEquals("{tls_alert,{unknown_ca,\"TLS client: In state certify at PeerVerifier generated CLIENT ALERT: "
                + "Fatal - Unknown CA\\n\"}}", a.toString());
        assertEquals("tls_alert", a.atom());
    }

    @Test
    void aGeneratedAlertWithADetailPutsItAfterTheNewlineAsErlangDoes() {
        TlsAlert a = TlsAlert.generated(TlsAlert.Side.CLIENT, "wait_cert_cr", "PeerVerifier", AlertLevel.FATAL,
                AlertDescription.HANDSHAKE_FAILURE, "{bad_cert,hostname_check_failed}");
        assertEquals("TLS client: In state wait_cert_cr at PeerVerifier generated CLIENT ALERT: Fatal - Handshake Failure\n"
                + " {bad_cert,hostname_check_failed}", a.text());
    }

    @Test
    void aReceivedAlertNamesThePeersRole() {
        TlsAlert a = TlsAlert.received(TlsAlert.Side.SERVER, "hello", AlertLevel.FATAL, AlertDescription.CERTIFICATE_REQUIRED);
        assertEquals("TLS server: In state hello received CLIENT ALERT: Fatal - Certificate required\n", a.text());
        assertEquals("{tls_alert,{certificate_required,\"TLS server: In state hello received CLIENT ALERT: Fatal - "
                + "Certificate required\\n\"}}", a.toString());
    }

    @Test
    void alertCodesAndNamesMapBothWays() {
        for (AlertDescription d : AlertDescription.values()) {
            if (d != AlertDescription.UNSUPPORTED_UNKNOWN_ALERT) {
                assertEquals(d, AlertDescription.fromCode(d.code()));
                assertEquals(d, AlertDescription.fromName(d.atom()));
            }
        }
        assertEquals(AlertDescription.UNSUPPORTED_UNKNOWN_ALERT, AlertDescription.fromCode(7));
        assertEquals("'unsupported/unknown_alert'", AlertDescription.UNSUPPORTED_UNKNOWN_ALERT.atom());
        assertEquals(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE, AlertDescription.fromName("bad_cert_status_response"));
    }

    @Test
    void formatErrorGivesTheTextsOfErlangsSslModule() {
        assertEquals("TLS connection is closed", Ssl.formatError(InetError.CLOSED));
        assertEquals("Unexpected error: timeout", Ssl.formatError(InetError.TIMEOUT));
        assertEquals("connection refused", Ssl.formatError(Posix.ECONNREFUSED));
        assertEquals("Invalid TLS option: {verify,foo}", Ssl.formatError(new Reason.Tagged("options", "{verify,foo}")));
        assertEquals("Own private key does not match own certificate.", Ssl.formatError(SslError.EKEYMISMATCH));
        assertEquals("Own CA certificate file is invalid.", Ssl.formatError(SslError.ECACERTFILE));
        TlsAlert a = TlsAlert.received(TlsAlert.Side.CLIENT, "hello", AlertLevel.FATAL, AlertDescription.HANDSHAKE_FAILURE);
        assertEquals(a.text(), Ssl.formatError(a));
    }

    @Test
    void anExceptionMessageStartsWithTheErlangTerm() {
        InetException e = new InetException(SslError.EKEYFILE, "no such file: /x.pem", null);
        assertEquals("ekeyfile: Own private key file is invalid. (no such file: /x.pem)", e.getMessage());
        assertEquals("ekeyfile", SslError.EKEYFILE.toString());
    }

    @Test
    void versionsNameThemselvesAsErlangAndJsseDo() {
        assertEquals("'tlsv1.2'", TlsVersion.TLSV1_2.atom());
        assertEquals("TLSv1.3", TlsVersion.TLSV1_3.jsseName());
        assertEquals(TlsVersion.TLSV1_1, TlsVersion.parse("tlsv1.1").orElseThrow());
        assertEquals(TlsVersion.TLSV1_1, TlsVersion.parse("'tlsv1.1'").orElseThrow());
        assertEquals(TlsVersion.SSLV3, TlsVersion.parse("SSLv3").orElseThrow());
        assertEquals(TlsVersion.TLSV1_3, TlsVersion.fromCode(0x0304).orElseThrow());
        assertEquals(java.util.List.of(TlsVersion.TLSV1_3, TlsVersion.TLSV1_2), Ssl.versions().supported());
    }
}
