package dev.otpnet.internal.tls;

import static dev.otpnet.ssl.SslOptions.cacerts;
import static dev.otpnet.ssl.SslOptions.serverNameIndicationDisable;
import static dev.otpnet.ssl.SslOptions.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.VerifyType;
import dev.otpnet.testing.TestPki;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How client engines tell the JDK whether the server's name is checked. The JDK's client resumes
 * a TLS 1.2 session made without extended_master_secret (every session with an Erlang/OTP 25
 * server) only when its engine declares an endpoint identification; the interop test
 * {@code ErlangSslInteropTest.ourClientReconnectingResumesItsSessionWithAnErlangServer} shows it
 * on the wire.
 */
class TlsContextFactoryTest {

    private static String identification(List<SslOption> options) throws Exception {
        TlsEngine e = TlsContextFactory.of(TlsConfig.client(options)).clientEngine("localhost", 443);
        return e.engine().getSSLParameters().getEndpointIdentificationAlgorithm();
    }

    @Test
    void aClientThatChecksTheServersNameDeclaresItSoItsSessionsWithoutEmsCanBeResumed() throws Exception {
        assertEquals("HTTPS", identification(List.of(cacerts(TestPki.anchors()))));
    }

    @Test
    void aClientThatChecksNoNameDeclaresNothingAndTheJdkKeepsRefusingToResumeSessionsWithoutEms() throws Exception {
        assertNull(identification(List.of(verify(VerifyType.VERIFY_NONE))));
        assertNull(identification(List.of(cacerts(TestPki.anchors()), serverNameIndicationDisable())));
    }
}
