/**
 * ssl: TLS 1.2 and 1.3 sockets on the JDK's {@code SSLEngine} with Erlang's ssl API.
 * Entry point: {@link dev.otpnet.ssl.Ssl}.
 *
 * <p><b>Model.</b> TLS is a byte stream over another byte stream, so a TLS socket frames,
 * delivers active-mode messages and changes owners exactly as a TCP socket does. Options are
 * data ({@link dev.otpnet.ssl.SslOption}, built with {@link dev.otpnet.ssl.SslOptions}), checked
 * when built and normalised once when a socket is made. Failures carry the reason an Erlang
 * program would match: a {@link dev.otpnet.ssl.TlsAlert} whose text has Erlang's shape, an
 * {@link dev.otpnet.ssl.SslError} atom, {@code {options, Bad}}, or inet's {@code closed} and
 * {@code timeout}.
 *
 * <p><b>Policy.</b> TLS 1.3 and 1.2 by default; SSL 2 and 3 refused; TLS 1.0 and 1.1 only when
 * named and permitted by the JDK. Default suites are Mozilla's "intermediate" AEAD suites; RC4,
 * DES, 3DES, export, NULL and anonymous suites are recognised in every spelling and refused with
 * the reason. Clients verify the server and its name by default (against the JDK's trust
 * anchors when none are given); the name check uses subjectAltName only, never the CN. A
 * transport that ends without close_notify is reported as truncation.
 *
 * <p><b>What JSSE cannot do, and how otpnet answers.</b>
 * <ul>
 * <li>{@code {reuse_session, Fun}}: no per-session resumption hook; refused.
 *     {@code {reuse_sessions, false}} works (a server then uses a fresh context per connection).
 * <li>{@code {secure_renegotiate, false}}: unsafe renegotiation is a JVM-wide switch; refused.
 * <li>{@code {dh, _}}, {@code {dhfile, _}}: no per-connection DH parameters (RFC 7919 groups are
 *     used); refused.
 * <li>{@code {client_renegotiation, false}} (the default here; Erlang's is {@code true}, throttled):
 *     honoured, but an engine cannot send Erlang's warning no_renegotiation alert and go on, so the
 *     client's hello is refused with a fatal handshake_failure alert (the JDK's own answer) and
 *     the connection ends; the owner's reason is {@code no_renegotiation}.
 * <li>{@code {handshake, hello}} works on servers only (otpnet reads the ClientHello before the
 *     engine exists); a client cannot be paused after the ServerHello.
 * <li>{@code ssl:update_keys(S, write)}: the JDK always asks the peer to update too, so only
 *     {@code read_write} exists.
 * <li>When a certificate is refused the JDK's engine sends certificate_unknown (a client names
 *     only expired, bad and unsupported certificates; a server nothing), where Erlang sends
 *     unknown_ca, handshake_failure for {@code hostname_check_failed}, and so on. On TLS 1.2 that
 *     alert travels in the clear and otpnet sends Erlang's instead; on TLS 1.3 it is encrypted
 *     inside the engine and goes as the JDK made it. The local reason is Erlang's either way.
 * <li>The JDK's server never resumes a TLS 1.2 session made without extended_master_secret
 *     (RFC 7627), and sends TLS 1.3 tickets only to clients that list psk_dhe_ke before they hold
 *     one. Erlang/OTP 25 clients do neither, so they cannot resume with an otpnet server.
 *     otpnet clients resume with Erlang servers on both versions.
 * </ul>
 */
package dev.otpnet.ssl;
