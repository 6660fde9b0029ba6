/**
 * ssl: TLS 1.2 and 1.3 sockets on the JDK's {@code SSLEngine} with Erlang's ssl API.
 * Entry point: {@link dev.otpnet.ssl.Ssl}.
 */
package dev.otpnet.ssl;
