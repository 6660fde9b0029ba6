package dev.otpnet.testing;

import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.SslOptions;
import dev.otpnet.ssl.TlsEngineKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A TLS test suite that runs on one engine: the JDK's by default; a {@code ...BoringTest}
 * subclass overrides {@link #engine()} and runs every test again on BoringSSL.
 */
public interface OnEngine {
    /** The engine our ends of the connection run on. */
    default TlsEngineKind engine() {
        return TlsEngineKind.JSSE;
    }

    /** {@code options} with {@code {engine, engine()}} added. */
    default List<SslOption> withEngine(List<SslOption> options) {
        List<SslOption> out = new ArrayList<>(options);
        out.add(SslOptions.engine(engine()));
        return List.copyOf(out);
    }
}
