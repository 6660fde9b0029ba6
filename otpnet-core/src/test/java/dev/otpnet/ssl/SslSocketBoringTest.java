package dev.otpnet.ssl;

/** Every {@link SslSocketTest} with both ends on BoringSSL ({@code {engine, boringssl}}). */
class SslSocketBoringTest extends SslSocketTest {
    @Override
    public TlsEngineKind engine() {
        return TlsEngineKind.BORINGSSL;
    }
}
