/**
 * TLS implementation, under the {@code ssl} package: TLS as a wire over another wire, and what
 * feeds it. Nothing here is public API; {@code dev.otpnet.ssl} is.
 *
 * <p><b>What lives here.</b>
 * <ul>
 * <li>The connection: {@link dev.otpnet.internal.tls.TlsWire} (the wire: reads, writes, close,
 *     downgrade), {@code TlsHandshake} (the first handshake as a state machine, with a server's
 *     pause after the hello), {@code AlertPolicy} (what a failure tells the peer and the owner),
 *     {@code Renegotiation} (renegotiation, key update, refusing a client's renegotiation through
 *     {@code RenegotiationGuard}); they share one {@code TlsLink}. {@code EngineIo} moves bytes
 *     through the {@code SSLEngine} with its halves {@code Inbound} (read, unwrap) and
 *     {@code Outbound} (wrap, write), in record buffers taken from
 *     {@code RecordBuffers} (JVM-wide pools) while bytes move, so an idle connection holds none
 *     ({@code InboundBuffers} keeps the inbound ones); {@code StreamEnd} judges what the lower
 *     wire's end means (the peer gone, a truncation, a handshake cut short). Over a polled wire,
 *     {@code PolledReads} keeps the reads made on the wire poller from ever waiting.
 * <li>Before the engine: {@code HelloReader}, {@code HelloParser} and {@code HandshakeScanner} read
 *     and check a ClientHello (SNI, TLS_FALLBACK_SCSV, malformed or oversized hellos);
 *     {@code TlsRecords} knows the record layer as far as it can be seen without keys
 *     (over-size records end in record_overflow).
 * <li>Configuration: {@link dev.otpnet.internal.tls.TlsConfig} is the normalised form of a list of
 *     ssl options ({@code OptionNormalizer}, {@code PemReader}: an unreadable file is
 *     {@code {options,{certfile,File,{error,Posix}}}});
 *     {@link dev.otpnet.internal.tls.TlsContextFactory} makes engines from it, choosing a server's
 *     configuration by SNI.
 * <li>Peer verification: {@code PeerVerifier} (the trust manager of every otpnet context) runs
 *     {@code PathValidator} (Erlang's path validation and verify fun events) over
 *     {@code AlgorithmFloor} (the JDK's algorithm constraints, which the fun cannot lift).
 * <li>Reasons: {@code TlsFailures} is the one place where failures become Erlang reasons;
 *     {@code HandshakeObserver} watches the plaintext handshake for what engines do not report.
 * </ul>
 *
 * <p><b>Threading rule.</b> A connection's handshake runs on the one thread that called
 * {@code handshake}/{@code handshakeContinue}, before any read or write. After it, one reader and
 * one writer may run at once (the {@code Wire} contract): the inbound side is guarded by
 * {@code Inbound}'s lock, the outbound side by {@code Outbound}'s lock, always taken in that
 * order; renegotiation, key updates and {@code connectionInformation} may run alongside them;
 * {@code close} and {@code abort} may come from any thread and wake both. Over a polled wire the
 * reader is the wire poller's thread, which never waits: its reads take the inbound lock only if
 * it is free, and what they would wait for runs on a thread of its own. State shared across
 * threads lives in {@code TlsLink} (volatile fields, an atomic state). Configuration objects
 * ({@code TlsConfig}, {@code TlsContextFactory}, {@code PeerVerifier}) are immutable or
 * thread-safe and shared by every connection with the same options; {@code PathValidator} and
 * {@code AlgorithmFloor} run on the handshake thread that asked and keep no state.
 *
 * <p>The socket layer builds on it like this: {@code TlsWire.client(tcpWire, config, host, port)}
 * then {@code handshake(timeout)} for {@code ssl:connect}; {@code TlsWire.server(tcpWire, config)}
 * then {@code handshake(timeout)} (and {@code handshakeContinue}/{@code handshakeCancel}) for
 * {@code ssl:handshake}; {@code connectionInformation()}, {@code renegotiate}, {@code updateKeys},
 * {@code downgrade} for the functions of those names.
 */
package dev.otpnet.internal.tls;
