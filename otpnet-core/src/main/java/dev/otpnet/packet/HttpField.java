package dev.otpnet.packet;

import dev.otpnet.internal.packet.ErlTerms;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The field name of an {@link HttpPacket.Header}, as Erlang gives it.
 *
 * <p>Erlang first recapitalises the name (first letter and each letter after a {@code -} upper
 * case, the rest lower case: {@code content-TYPE} becomes {@code Content-Type}), then looks it up
 * in its table of 52 known headers. A known header is an atom ({@link Known}, printing
 * {@code 'Content-Type'}) with its 1-based index in that table; any other name is text
 * ({@link Other}) in the recapitalised form, index 0. A name longer than 50 bytes is neither
 * recapitalised nor looked up: it is returned as it came.
 */
public sealed interface HttpField permits HttpField.Known, HttpField.Other {

    /** Erlang's index into its known-header table: 1 to 52 for a known header, else 0. */
    int index();

    /** The name as Erlang gives it ({@code Content-Type}, {@code X-Custom}). */
    String text();

    /** The headers Erlang knows, in the order of its table; {@link #toString()} is the atom. */
    enum Known implements HttpField {
        CACHE_CONTROL, CONNECTION, DATE, PRAGMA, TRANSFER_ENCODING, UPGRADE, VIA, ACCEPT, ACCEPT_CHARSET,
        ACCEPT_ENCODING, ACCEPT_LANGUAGE, AUTHORIZATION, FROM, HOST, IF_MODIFIED_SINCE, IF_MATCH, IF_NONE_MATCH,
        IF_RANGE, IF_UNMODIFIED_SINCE, MAX_FORWARDS, PROXY_AUTHORIZATION, RANGE, REFERER, USER_AGENT, AGE,
        LOCATION, PROXY_AUTHENTICATE, PUBLIC, RETRY_AFTER, SERVER, VARY, WARNING, WWW_AUTHENTICATE, ALLOW,
        CONTENT_BASE, CONTENT_ENCODING, CONTENT_LANGUAGE, CONTENT_LENGTH, CONTENT_LOCATION, CONTENT_MD5,
        CONTENT_RANGE, CONTENT_TYPE, ETAG, EXPIRES, LAST_MODIFIED, ACCEPT_RANGES, SET_COOKIE, SET_COOKIE2,
        X_FORWARDED_FOR, COOKIE, KEEP_ALIVE, PROXY_CONNECTION;

        private static final Map<String, Known> BY_NAME = new HashMap<>();

        static {
            for (Known k : values()) {
                BY_NAME.put(k.text, k);
            }
        }

        private final String text;

        Known() {
            StringBuilder sb = new StringBuilder();
            for (String part : name().split("_")) {
                if (!sb.isEmpty()) {
                    sb.append('-');
                }
                sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
            }
            text = sb.toString();
        }

        /** The known header with exactly this (recapitalised) name, e.g. {@code "Content-Md5"}. */
        public static Optional<Known> lookup(String name) {
            return Optional.ofNullable(BY_NAME.get(name));
        }

        @Override
        public int index() {
            return ordinal() + 1;
        }

        @Override
        public String text() {
            return text;
        }

        @Override
        public String toString() {
            return ErlTerms.atom(text);
        }
    }

    /** A header Erlang does not know: the name as text. */
    record Other(HttpString name) implements HttpField {
        public Other {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public int index() {
            return 0;
        }

        @Override
        public String text() {
            return name.text();
        }

        @Override
        public String toString() {
            return name.toString();
        }
    }
}
