package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.buffer;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.packetSize;
import static dev.otpnet.inet.Options.recbuf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;
import dev.otpnet.inet.Posix;
import dev.otpnet.packet.HttpPacket;
import dev.otpnet.packet.PacketType;
import dev.otpnet.testing.Loopback;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What bounds an http line on a socket when {@code packet_size} is 0: the socket's
 * {@code {buffer, N}}, as in gen_tcp, which holds a line of unknown length in that buffer. Every
 * row was measured on Erlang/OTP 25 with the same options and line lengths (line ending included).
 */
class HttpLineLimitTest {

    static Stream<Arguments> limits() {
        return Stream.of(
                // The default {buffer,1460}: a header line must leave one byte to look past (folding).
                Arguments.of("default buffer", List.of(), PacketType.HTTPH_BIN, 1459, true),
                Arguments.of("default buffer", List.of(), PacketType.HTTPH_BIN, 1460, false),
                Arguments.of("default buffer", List.of(), PacketType.HTTPH, 1460, false),
                // A request line needs no look-ahead: it may fill the buffer.
                Arguments.of("default buffer", List.of(), PacketType.HTTP_BIN, 1460, true),
                Arguments.of("default buffer", List.of(), PacketType.HTTP, 1461, false),
                Arguments.of("{buffer,4000}", List.of(buffer(4000)), PacketType.HTTPH_BIN, 3999, true),
                Arguments.of("{buffer,4000}", List.of(buffer(4000)), PacketType.HTTPH_BIN, 4000, false),
                // A packet_size above the buffer lets the line grow to it.
                Arguments.of("{buffer,100},{packet_size,300}", List.of(buffer(100), packetSize(300)),
                        PacketType.HTTPH_BIN, 299, true),
                Arguments.of("{buffer,100},{packet_size,300}", List.of(buffer(100), packetSize(300)),
                        PacketType.HTTPH_BIN, 300, false),
                // A packet_size below the buffer is the limit, and the buffer still leaves room to look past.
                Arguments.of("{buffer,100},{packet_size,50}", List.of(buffer(100), packetSize(50)),
                        PacketType.HTTPH_BIN, 50, true),
                Arguments.of("{buffer,100},{packet_size,50}", List.of(buffer(100), packetSize(50)),
                        PacketType.HTTPH_BIN, 99, false),
                // recbuf raises the buffer, unless buffer was set.
                Arguments.of("{recbuf,8192}", List.of(recbuf(8192)), PacketType.HTTPH_BIN, 8191, true),
                Arguments.of("{recbuf,8192}", List.of(recbuf(8192)), PacketType.HTTPH_BIN, 8192, false),
                Arguments.of("{buffer,500} then {recbuf,8192}", List.of(buffer(500), recbuf(8192)),
                        PacketType.HTTPH_BIN, 499, true),
                Arguments.of("{buffer,500} then {recbuf,8192}", List.of(buffer(500), recbuf(8192)),
                        PacketType.HTTPH_BIN, 500, false));
    }

    @ParameterizedTest(name = "{0}, {2}: a {3}-byte line passes: {4}")
    @MethodSource("limits")
    void aLineIsBoundedByTheBufferAsInGenTcp(String label, List<Option> options, PacketType type, int length,
            boolean passes) throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)), List.of(binary(), active(false)))) {
            p.server().setopts(List.of(packet(type)));
            for (Option o : options) {
                p.server().setopts(List.of(o));
            }
            p.client().send(line(type, length).concat(Bytes.latin1("\r\n")));
            if (passes) {
                HttpPacket got = assertInstanceOf(HttpPacket.class, p.server().recv(0, 5000));
                Class<? extends HttpPacket> expected = type == PacketType.HTTP || type == PacketType.HTTP_BIN
                        ? HttpPacket.Request.class : HttpPacket.Header.class;
                assertInstanceOf(expected, got);
            } else {
                InetException e = assertThrows(InetException.class, () -> p.server().recv(0, 5000));
                assertEquals(Posix.EMSGSIZE, e.reason());
            }
        }
    }

    /** A request line or a header line of exactly {@code length} bytes, CRLF included. */
    private static Bytes line(PacketType type, int length) {
        if (type == PacketType.HTTP || type == PacketType.HTTP_BIN) {
            return Bytes.latin1("GET /" + "a".repeat(length - 16) + " HTTP/1.1\r\n");
        }
        return Bytes.latin1("X: " + "v".repeat(length - 5) + "\r\n");
    }

    @Test
    void recbufRaisesTheReportedBufferUntilBufferIsSet() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            p.server().setopts(List.of(recbuf(8192)));
            assertEquals(List.of(buffer(8192)), p.server().getopts(List.of(OptionName.BUFFER)));
            p.server().setopts(List.of(recbuf(4000)));
            assertEquals(List.of(buffer(8192)), p.server().getopts(List.of(OptionName.BUFFER)), "never lowered");
            p.server().setopts(List.of(recbuf(9000), buffer(500)));
            p.server().setopts(List.of(recbuf(20000)));
            assertEquals(List.of(buffer(500)), p.server().getopts(List.of(OptionName.BUFFER)), "buffer set wins");
        }
    }

    @Test
    void anAcceptedSocketTakesTheListenersBufferButMayStillBeRaisedByRecbuf() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false), buffer(700)), List.of(recbuf(7000)))) {
            assertEquals(List.of(buffer(700)), p.server().getopts(List.of(OptionName.BUFFER)));
            assertEquals(List.of(buffer(7000)), p.client().getopts(List.of(OptionName.BUFFER)), "connect options too");
            p.server().setopts(List.of(recbuf(9000)));
            assertEquals(List.of(buffer(9000)), p.server().getopts(List.of(OptionName.BUFFER)));
        }
    }
}
