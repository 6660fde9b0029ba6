package dev.otpnet.packet;

import dev.otpnet.internal.packet.ErlTerms;
import java.util.Objects;

/**
 * The method of an {@link HttpPacket.Request}: one of the seven methods Erlang knows as atoms
 * ({@code 'GET'}), or any other token as text ({@code "PATCH"}, {@code <<"get">>}). Erlang's
 * match is case-sensitive: {@code get} is not {@code 'GET'}.
 */
public sealed interface HttpMethod permits HttpMethod.Known, HttpMethod.Other {

    /** The method as it appeared on the request line. */
    String text();

    /** A method Erlang returns as an atom. {@link #toString()} is the quoted atom, {@code 'GET'}. */
    enum Known implements HttpMethod {
        OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE;

        @Override
        public String text() {
            return name();
        }

        @Override
        public String toString() {
            return ErlTerms.atom(name());
        }
    }

    /** Any other method, as an Erlang string or binary. */
    record Other(HttpString name) implements HttpMethod {
        public Other {
            Objects.requireNonNull(name, "name");
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
