package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.buffer;
import static dev.otpnet.inet.Options.list;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.packetSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.packet.HttpField;
import dev.otpnet.packet.HttpPacket;
import dev.otpnet.packet.PacketType;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Loopback;
import dev.otpnet.testing.Mailbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code {packet, http | http_bin | httph | httph_bin}} on a socket, as Erlang/OTP 25's gen_tcp does it. */
class HttpSocketTest {
    private static final Bytes REQUEST = Bytes.latin1("GET /x HTTP/1.1\r\nHost: h\r\nX-A: b\r\n\r\n");

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    private static Loopback pair(List<Option> serverOptions) throws Exception {
        return Loopback.open(serverOptions, List.of(binary(), active(false)));
    }

    @Test
    void activeMessagesCarryTheParsedPacketTaggedHttp() throws Exception {
        try (Loopback p = pair(List.of(binary(), packet(PacketType.HTTP_BIN)))) {
            p.client().send(REQUEST);
            SocketMessage.Data first = assertInstanceOf(SocketMessage.Data.class, Mailbox.nextSocketMessage());
            HttpPacket.Request request = assertInstanceOf(HttpPacket.Request.class, first.data());
            assertEquals("GET", request.method().text());
            assertEquals("{http," + p.server() + ",{http_request,'GET',{abs_path,<<\"/x\">>},{1,1}}}", first.toString());
            SocketMessage.Data host = assertInstanceOf(SocketMessage.Data.class, Mailbox.nextSocketMessage());
            assertEquals(HttpField.Known.HOST, assertInstanceOf(HttpPacket.Header.class, host.data()).field());
            Mailbox.nextSocketMessage();
            assertEquals("{http," + p.server() + ",http_eoh}", Mailbox.nextSocketMessage().toString());
            p.client().close();
            assertEquals("{tcp_closed," + p.server() + "}", Mailbox.nextSocketMessage().toString(),
                    "the close keeps the tcp tag");
        }
    }

    /** Erlang: the packet type decides strings or binaries; the socket's list/binary mode does not. */
    @ParameterizedTest
    @EnumSource(names = {"HTTP", "HTTP_BIN"})
    void theFlavourComesFromThePacketTypeNotTheSocketMode(PacketType type) throws Exception {
        for (Option.Mode mode : List.of(list(), binary())) {
            try (Loopback p = pair(List.of(mode, active(false), packet(type)))) {
                p.client().send(REQUEST);
                String path = type == PacketType.HTTP ? "\"/x\"" : "<<\"/x\">>";
                String host = type == PacketType.HTTP ? "\"Host\",\"h\"" : "<<\"Host\">>,<<\"h\">>";
                assertEquals("{http_request,'GET',{abs_path," + path + "},{1,1}}", p.server().recv(0, 5000).toString());
                assertEquals("{http_header,14,'Host'," + host + "}", p.server().recv(0, 5000).toString(),
                        type + " in " + mode);
            }
        }
    }

    @Test
    void aLineThatIsNotHttpIsAnHttpErrorPacketAndTheStreamGoesOn() throws Exception {
        try (Loopback p = pair(List.of(binary(), active(false), packet(PacketType.HTTP_BIN)))) {
            p.client().send("garbage\r\nGET / HTTP/1.0\r\nBad Header\r\n\r\n");
            assertEquals("{http_error,<<\"garbage\\r\\n\">>}", p.server().recv(0, 5000).toString());
            assertEquals("{http_request,'GET',{abs_path,<<\"/\">>},{1,0}}", p.server().recv(0, 5000).toString());
            assertEquals("{http_error,<<\"Bad Header\\r\\n\">>}", p.server().recv(0, 5000).toString());
            assertEquals(HttpPacket.EndOfHeaders.INSTANCE, p.server().recv(0, 5000));
        }
    }

    /**
     * gen_tcp keeps its http state (request line or headers) in the socket, not in the packet type:
     * it survives any setopts, even a switch to another packet type and back.
     */
    @Test
    void theHttpStateSurvivesSetoptsAsInGenTcp() throws Exception {
        try (Loopback p = pair(List.of(binary(), active(false), packet(PacketType.HTTP_BIN)))) {
            p.client().send("GET /x HTTP/1.1\r\nHost: h\r\nX-A: b\r\nX-B: c\r\nX-C: d\r\n\r\nGET /2 HTTP/1.1\r\n\r\n");
            assertInstanceOf(HttpPacket.Request.class, p.server().recv(0, 5000));
            p.server().setopts(List.of(packet(PacketType.HTTP)));
            assertEquals("{http_header,14,'Host',\"Host\",\"h\"}", p.server().recv(0, 5000).toString(),
                    "still in headers, now as strings");
            p.server().setopts(List.of(buffer(5000), packetSize(1000)));
            assertEquals("{http_header,0,\"X-A\",\"X-A\",\"b\"}", p.server().recv(0, 5000).toString());
            p.server().setopts(List.of(packet(PacketType.RAW)));
            p.server().setopts(List.of(packet(PacketType.HTTP_BIN)));
            assertEquals("{http_header,0,<<\"X-B\">>,<<\"X-B\">>,<<\"c\">>}",
                    p.server().recv(0, 5000).toString(), "a switch to raw and back keeps the state");
            p.server().setopts(List.of(packet(PacketType.HTTPH_BIN)));
            assertInstanceOf(HttpPacket.Header.class, p.server().recv(0, 5000));
            assertEquals(HttpPacket.EndOfHeaders.INSTANCE, p.server().recv(0, 5000), "httph's http_eoh ends the headers");
            p.server().setopts(List.of(packet(PacketType.HTTP_BIN)));
            assertEquals("{http_request,'GET',{abs_path,<<\"/2\">>},{1,1}}", p.server().recv(0, 5000).toString());
        }
    }
}
