package dev.otpnet.internal.tls;

import dev.otpnet.ssl.TlsEngineKind;

/** Every {@link PythonInteropTest} with our end on BoringSSL ({@code {engine, boringssl}}). */
class PythonInteropBoringTest extends PythonInteropTest {
    @Override
    public TlsEngineKind engine() {
        return TlsEngineKind.BORINGSSL;
    }
}
