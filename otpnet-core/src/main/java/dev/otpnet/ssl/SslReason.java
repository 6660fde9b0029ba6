package dev.otpnet.ssl;

import dev.otpnet.inet.Reason;

/**
 * Failure reasons that only TLS sockets give: TLS alerts ({@link TlsAlert}) and the {@code ssl}
 * module's own atoms ({@link SslError}). {@link #text()} is what {@code ssl:format_error/1} prints;
 * {@link Ssl#formatError(Reason)} formats any reason the way {@code ssl:format_error/1} does.
 *
 * <p>Structured option errors are {@code Reason.Tagged("options", bad)}, as Erlang's
 * {@code {options, Bad}}.
 */
public sealed interface SslReason extends Reason permits TlsAlert, SslError {
}
