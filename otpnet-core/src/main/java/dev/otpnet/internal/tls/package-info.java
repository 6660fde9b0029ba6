/**
 * TLS implementation: {@link dev.otpnet.internal.tls.TlsWire} (TLS as a wire over a wire) and
 * what feeds it. {@link dev.otpnet.internal.tls.TlsConfig} is the normalised form of a list of
 * ssl options; {@link dev.otpnet.internal.tls.TlsContextFactory} makes engines from it, choosing
 * a server's configuration by SNI; {@link dev.otpnet.internal.tls.PeerVerifier} and
 * {@code PathValidator} run Erlang's path validation with the user's verify fun;
 * {@code HelloReader} reads and checks a ClientHello before any engine exists;
 * {@code EngineIo} and {@code Outbound} move bytes through the engine; {@code TlsFailures} is the
 * one place where failures become Erlang reasons.
 *
 * <p>The socket layer builds on it like this: {@code TlsWire.client(tcpWire, config, host, port)}
 * then {@code handshake(timeout)} for {@code ssl:connect}; {@code TlsWire.server(tcpWire, config)}
 * then {@code handshake(timeout)} (and {@code handshakeContinue}/{@code handshakeCancel}) for
 * {@code ssl:handshake}; {@code connectionInformation()}, {@code renegotiate}, {@code updateKeys},
 * {@code downgrade} for the functions of those names.
 */
package dev.otpnet.internal.tls;
