package dev.otpnet.packet;

import dev.otpnet.inet.Bytes;
import dev.otpnet.internal.packet.ErlTerms;
import java.util.Objects;

/**
 * A text field of an {@link HttpPacket}: Erlang's {@code HttpString = string() | binary()}.
 *
 * <p>The bytes are kept exactly as they came off the wire (HTTP/1 text is bytes, not a charset);
 * {@link #binary()} tells which Erlang type the field is: {@code true} for the {@code http_bin} and
 * {@code httph_bin} packet types, which give binaries, {@code false} for {@code http} and
 * {@code httph}, which give byte lists. The flavour takes part in equality, as in Erlang, where
 * {@code "Host"} and {@code <<"Host">>} differ. {@link #toString()} prints the Erlang term
 * ({@code "Host"}, {@code <<"Host">>}, {@code []}); {@link #text()} is the value as a Java string.
 *
 * @param bytes the field's bytes
 * @param binary whether the field is an Erlang binary rather than a string
 */
public record HttpString(Bytes bytes, boolean binary) {

    public HttpString {
        Objects.requireNonNull(bytes, "bytes");
    }

    /** The ISO-8859-1 bytes of {@code text}, in the given flavour. */
    public static HttpString of(String text, boolean binary) {
        return new HttpString(Bytes.latin1(text), binary);
    }

    /** The bytes as a string, one char per byte (ISO-8859-1), as an Erlang byte list reads. */
    public String text() {
        return bytes.latin1();
    }

    @Override
    public String toString() {
        return binary ? ErlTerms.binary(bytes) : ErlTerms.string(bytes);
    }
}
