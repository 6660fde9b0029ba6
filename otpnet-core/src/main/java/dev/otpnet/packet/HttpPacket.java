package dev.otpnet.packet;

import java.util.Objects;

/**
 * What the {@code http}, {@code httph}, {@code http_bin} and {@code httph_bin} packet types deliver:
 * Erlang's {@code HttpPacket}, one record per form. {@link #toString()} prints the Erlang term
 * exactly as {@code io:format("~p")} does on one line, e.g.
 * {@code {http_request,'GET',{abs_path,"/"},{1,1}}}.
 *
 * <p>Text fields are {@link HttpString}s: binaries for the {@code _bin} types, strings otherwise.
 *
 * <pre>{@code
 * switch (packet) {
 *     case HttpPacket.Request(var method, var uri, var version) -> ...;
 *     case HttpPacket.Response(var version, int status, var phrase) -> ...;
 *     case HttpPacket.Header h when h.field() == HttpField.Known.CONTENT_LENGTH -> ...;
 *     case HttpPacket.Header h -> ...;
 *     case HttpPacket.EndOfHeaders eoh -> ...;
 *     case HttpPacket.Error(var line) -> ...;
 * }
 * }</pre>
 */
public sealed interface HttpPacket {

    /** {@code {http_request, Method, Uri, Version}}. */
    record Request(HttpMethod method, HttpUri uri, HttpVersion version) implements HttpPacket {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(version, "version");
        }

        @Override
        public String toString() {
            return "{http_request," + method + "," + uri + "," + version + "}";
        }
    }

    /**
     * {@code {http_response, Version, Status, Phrase}}. The status is what the digits say (0 when
     * there are none, wrapping in 32 bits as Erlang's does); the phrase may be empty.
     */
    record Response(HttpVersion version, int status, HttpString phrase) implements HttpPacket {
        public Response {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(phrase, "phrase");
        }

        @Override
        public String toString() {
            return "{http_response," + version + "," + status + "," + phrase + "}";
        }
    }

    /**
     * {@code {http_header, Index, Field, UnmodifiedField, Value}}. The value starts after the colon
     * and the blanks that follow it, keeps trailing blanks, and for a header folded over several
     * lines keeps the line breaks and the leading blanks of the continuation lines, as Erlang does
     * ({@code "a\r\n b"}).
     *
     * @param field the name as Erlang gives it (a known atom or the recapitalised text)
     * @param rawName the name exactly as it was on the wire
     * @param value the field value
     */
    record Header(HttpField field, HttpString rawName, HttpString value) implements HttpPacket {
        public Header {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(rawName, "rawName");
            Objects.requireNonNull(value, "value");
        }

        /** Erlang's index into its known-header table, 0 for an unknown header. */
        public int index() {
            return field.index();
        }

        @Override
        public String toString() {
            return "{http_header," + index() + "," + field + "," + rawName + "," + value + "}";
        }
    }

    /** {@code http_eoh}: the empty line that ends the headers. */
    record EndOfHeaders() implements HttpPacket {
        /** The one value; all instances are equal. */
        public static final EndOfHeaders INSTANCE = new EndOfHeaders();

        @Override
        public String toString() {
            return "http_eoh";
        }
    }

    /**
     * {@code {http_error, Line}}: a line that is not a valid request line, status line or header,
     * with its line ending. Erlang delivers it as a packet, not as an error: the stream goes on.
     */
    record Error(HttpString line) implements HttpPacket {
        public Error {
            Objects.requireNonNull(line, "line");
        }

        @Override
        public String toString() {
            return "{http_error," + line + "}";
        }
    }
}
