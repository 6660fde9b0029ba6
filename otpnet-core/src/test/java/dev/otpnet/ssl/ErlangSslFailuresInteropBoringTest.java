package dev.otpnet.ssl;

/**
 * Every {@link ErlangSslFailuresInteropTest} with our end on BoringSSL ({@code {engine, boringssl}}).
 * One difference, in Erlang's favour: a certificate our verification refuses is reported to the
 * peer with the alert it chose (unknown_ca, handshake_failure...) in TLS 1.3 too, where the
 * JDK's engine encrypts its own certificate_unknown: BoringSSL takes the alert from the error
 * code {@code NativeTrust} gives it.
 */
class ErlangSslFailuresInteropBoringTest extends ErlangSslFailuresInteropTest {
    @Override
    public TlsEngineKind engine() {
        return TlsEngineKind.BORINGSSL;
    }

    @Override
    AlertDescription heardByErlang(TlsVersion v, AlertDescription reason) {
        return reason;
    }
}
