package dev.otpnet.inet;

/**
 * An inet {@link Option} or an {@link dev.otpnet.ssl.SslOption}: what calls that take both accept,
 * as Erlang's {@code ssl:listen/2} and {@code ssl:connect/3} take one list of both kinds:
 *
 * <pre>{@code
 * Ssl.listen(7000, List.of(certfile(cert), keyfile(key), reuseaddr(true), active(true), packet(4)));
 * }</pre>
 */
public sealed interface AnyOption permits Option, dev.otpnet.ssl.SslOption {
}
