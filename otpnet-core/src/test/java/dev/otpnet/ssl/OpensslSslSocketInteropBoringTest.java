package dev.otpnet.ssl;

/** Every {@link OpensslSslSocketInteropTest} with our end on BoringSSL ({@code {engine, boringssl}}). */
class OpensslSslSocketInteropBoringTest extends OpensslSslSocketInteropTest {
    @Override
    public TlsEngineKind engine() {
        return TlsEngineKind.BORINGSSL;
    }
}
