package dev.otpnet.ssl;

import dev.otpnet.inet.Reason;

/**
 * Failure reasons that only TLS sockets give: TLS alerts and the {@code ssl} module's own atoms.
 * {@link #text()} is what {@code ssl:format_error/1} prints.
 */
public non-sealed interface SslReason extends Reason {
}
