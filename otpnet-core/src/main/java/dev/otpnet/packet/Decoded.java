package dev.otpnet.packet;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.Reason;
import dev.otpnet.internal.packet.ErlTerms;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The result of {@link Packets#decode}: Erlang's
 * {@code {ok, Packet, Rest} | {more, Length} | {error, Reason}}. {@link #toString()} prints that
 * term as {@code io:format("~p")} does on one line, e.g. {@code {ok,<<"abc">>,<<>>}} or
 * {@code {more,undefined}}.
 */
public sealed interface Decoded permits Decoded.Ok, Decoded.More, Decoded.Error {

    /**
     * {@code {ok, Packet, Rest}}: a whole packet, and the bytes after it.
     *
     * @param packet a {@link Bytes} for the byte types, an {@link HttpPacket} for the http types
     * @param rest the input after the packet (for fcgi, after its padding)
     */
    record Ok(Object packet, Bytes rest) implements Decoded {
        public Ok {
            Objects.requireNonNull(packet, "packet");
            Objects.requireNonNull(rest, "rest");
        }

        @Override
        public String toString() {
            return "{ok," + ErlTerms.term(packet) + "," + ErlTerms.binary(rest) + "}";
        }
    }

    /**
     * {@code {more, Length}}: not a whole packet yet. {@code length} is the whole packet's size in
     * bytes (headers included) when the header says it, else empty ({@code undefined}).
     */
    record More(OptionalInt length) implements Decoded {
        public static final More UNDEFINED = new More(OptionalInt.empty());

        public More {
            Objects.requireNonNull(length, "length");
        }

        @Override
        public String toString() {
            return "{more," + (length.isPresent() ? Integer.toString(length.getAsInt()) : "undefined") + "}";
        }
    }

    /**
     * {@code {error, Reason}}. {@code erlang:decode_packet/3} has one reason, {@code invalid}: for a
     * malformed header and for a packet over {@code packet_size} alike.
     */
    record Error(Reason reason) implements Decoded {
        public Error {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return "{error," + reason + "}";
        }
    }
}
