package dev.otpnet.ssl;

import dev.otpnet.ssl.TlsEngineKind;

/** Every {@link ErlangSslInteropTest} with our end on BoringSSL ({@code {engine, boringssl}}). */
class ErlangSslInteropBoringTest extends ErlangSslInteropTest {
    @Override
    public TlsEngineKind engine() {
        return TlsEngineKind.BORINGSSL;
    }
}
