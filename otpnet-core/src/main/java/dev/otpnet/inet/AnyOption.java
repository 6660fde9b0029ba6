package dev.otpnet.inet;

/**
 * Any socket option: an inet {@link Option}, or an option a higher module defines on top of it (ssl's
 * {@code SslOption}, say). Calls that accept options of several modules take a list of these, as
 * Erlang's {@code ssl:listen/2} and {@code ssl:connect/3} take one list of both kinds:
 *
 * <pre>{@code
 * Ssl.listen(7000, List.of(certfile(cert), keyfile(key), reuseaddr(true), active(true), packet(4)));
 * }</pre>
 *
 * <p>The interface is open so that {@code inet} names none of the modules built on it; each module
 * keeps its own options in a sealed interface that extends this one, and picks out the options it
 * does not know with a pattern switch.
 */
public interface AnyOption {
}
