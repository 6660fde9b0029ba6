package dev.otpnet.cli;

import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.SslOptions;
import dev.otpnet.ssl.TlsEngineKind;
import java.util.List;

/**
 * {@code --engine jsse|boringssl}: which TLS engine runs the connections, the JDK's (the default)
 * or BoringSSL through netty-tcnative ({@code {engine, boringssl}}, linux-x86_64).
 */
enum EngineArg {
    jsse, boringssl;

    static final String LABEL = "jsse|boringssl";
    static final String DESCRIPTION = "TLS engine: jsse, the JDK's (the default), or boringssl (native, linux-x86_64).";

    /** The ssl options that select this engine: none for the default. */
    List<SslOption> options() {
        return this == jsse ? List.of() : List.of(SslOptions.engine(TlsEngineKind.BORINGSSL));
    }
}
