package dev.otpnet.ssl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.ActiveMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every {@link OpensslSslSocketInteropTest} with our end on BoringSSL ({@code {engine, boringssl}}),
 * which cannot allow a client's renegotiation: that option is refused with a reason.
 */
class OpensslSslSocketInteropBoringTest extends OpensslSslSocketInteropTest {
    @Override
    public TlsEngineKind engine() {
        return TlsEngineKind.BORINGSSL;
    }

    @Override
    @ParameterizedTest(name = "our server in {0}")
    @EnumSource(value = ActiveMode.class, names = {"TRUE"})
    void anOpensslClientRenegotiatesWithOurServerThatAllowsItAndTheEchoGoesOn(ActiveMode mode) {
        Exception e = assertThrows(Exception.class, () -> ErlangSsl.listen(allowingRenegotiation()).close());
        assertTrue(String.valueOf(e.getMessage()).contains("{client_renegotiation,true} is not supported with {engine,boringssl}"),
                String.valueOf(e));
    }
}
