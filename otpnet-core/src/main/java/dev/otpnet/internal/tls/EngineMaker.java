package dev.otpnet.internal.tls;

/**
 * Makes the engines of one {@link TlsConfig} from one TLS implementation: {@link JsseEngines}
 * (the JDK's, the default) or {@link BoringEngines} (BoringSSL through netty-tcnative, loaded
 * only when {@code {engine, boringssl}} is used). {@link TlsContextFactory} holds one per
 * configuration and adds what is the same for every implementation (SNI choice of a server's
 * options, the fallback rules). Thread-safe.
 */
interface EngineMaker {

    /** A client engine for {@code host}:{@code port}; see {@link TlsContextFactory#clientEngine}. */
    TlsEngine client(String host, int port);

    /** A server engine for this configuration. */
    TlsEngine server();

    /**
     * Gives up this maker's hold on its context: for a native context, its memory is freed once
     * the last engine made from it is released too. Engines already made keep working.
     */
    void release();
}
