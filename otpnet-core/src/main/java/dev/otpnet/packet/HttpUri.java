package dev.otpnet.packet;

import dev.otpnet.internal.packet.ErlTerms;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The Request-URI of an {@link HttpPacket.Request}, in Erlang's five forms:
 *
 * <pre>
 *   request target            HttpUri                     Erlang term
 *   *                         Star                        '*'
 *   /index.html?q=1           AbsPath                     {abs_path,"/index.html?q=1"}
 *   http://host:8080/p        Absolute(HTTP, ...)         {absoluteURI,http,"host",8080,"/p"}
 *   https://host              Absolute(HTTPS, ...)        {absoluteURI,https,"host",undefined,"/"}
 *   mailto:someone            SchemeUri                   {scheme,"mailto","someone"}
 *   example.com               Text                        "example.com"
 * </pre>
 *
 * <p>Exactly as Erlang/OTP 25 decides: a one-byte target other than {@code *} is an abs_path even
 * without a slash; {@code http://} and {@code https://} match case-insensitively; the host is
 * everything up to the first {@code :} (so no IPv6 literal support: {@code http://[::1]:80/} gives
 * the host {@code "["}); a port that is empty, zero, or followed by anything but digits is
 * {@code undefined}, and a long one wraps in 32 bits as Erlang's does.
 */
public sealed interface HttpUri
        permits HttpUri.Star, HttpUri.AbsPath, HttpUri.Absolute, HttpUri.SchemeUri, HttpUri.Text {

    /** {@code *}: prints {@code '*'}. */
    record Star() implements HttpUri {
        @Override
        public String toString() {
            return ErlTerms.atom("*");
        }
    }

    /** {@code {abs_path, Path}}. */
    record AbsPath(HttpString path) implements HttpUri {
        public AbsPath {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return "{abs_path," + path + "}";
        }
    }

    /** The two schemes Erlang recognises in an absoluteURI; prints the atom. */
    enum Scheme {
        HTTP, HTTPS;

        @Override
        public String toString() {
            return this == HTTP ? "http" : "https";
        }
    }

    /**
     * {@code {absoluteURI, http|https, Host, Port|undefined, Path}}; the path is {@code "/"} when the
     * URI has none.
     */
    record Absolute(Scheme scheme, HttpString host, OptionalInt port, HttpString path) implements HttpUri {
        public Absolute {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return "{absoluteURI," + scheme + "," + host + ","
                    + (port.isPresent() ? Integer.toString(port.getAsInt()) : "undefined") + "," + path + "}";
        }
    }

    /** {@code {scheme, Scheme, Rest}}: any other {@code scheme:rest}, split at the first colon. */
    record SchemeUri(HttpString scheme, HttpString rest) implements HttpUri {
        public SchemeUri {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(rest, "rest");
        }

        @Override
        public String toString() {
            return "{scheme," + scheme + "," + rest + "}";
        }
    }

    /** Anything else, as the plain string. */
    record Text(HttpString text) implements HttpUri {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
