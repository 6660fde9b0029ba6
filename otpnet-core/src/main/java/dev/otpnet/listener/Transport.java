package dev.otpnet.listener;

import dev.otpnet.inet.AnyOption;
import java.util.List;
import java.util.Objects;

/**
 * What a listener speaks on its connections: plain TCP (Ranch's {@code ranch_tcp}) or TLS
 * ({@code ranch_ssl}). For TLS the listen socket is a TCP one and each connection process runs the
 * TLS server handshake itself, after the PROXY header if there is one, within the listener's
 * handshake time-out, so a slow or hostile client never holds an acceptor.
 */
public sealed interface Transport {

    /** The message tag of the connections: {@code "tcp"} or {@code "ssl"}. */
    String name();

    /** Plain TCP. */
    record Tcp() implements Transport {
        @Override
        public String name() {
            return "tcp";
        }
    }

    /** TLS with these ssl options (certificates, versions, ALPN...), as {@code ssl:handshake/3} takes them. */
    record Ssl(List<AnyOption> sslOptions) implements Transport {
        public Ssl {
            sslOptions = List.copyOf(Objects.requireNonNull(sslOptions, "sslOptions"));
        }

        @Override
        public String name() {
            return "ssl";
        }
    }

    static Transport tcp() {
        return new Tcp();
    }

    static Transport ssl(List<? extends AnyOption> sslOptions) {
        return new Ssl(List.copyOf(sslOptions));
    }
}
