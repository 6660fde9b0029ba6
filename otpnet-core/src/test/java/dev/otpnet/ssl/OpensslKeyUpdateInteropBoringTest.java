package dev.otpnet.ssl;

/** Every {@link OpensslKeyUpdateInteropTest} with our end on BoringSSL ({@code {engine, boringssl}}). */
class OpensslKeyUpdateInteropBoringTest extends OpensslKeyUpdateInteropTest {
    @Override
    public TlsEngineKind engine() {
        return TlsEngineKind.BORINGSSL;
    }
}
