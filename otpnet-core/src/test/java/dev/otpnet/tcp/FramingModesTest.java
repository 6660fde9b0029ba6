package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.nodelay;
import static dev.otpnet.inet.Options.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.packet.HttpPacket;
import dev.otpnet.packet.PacketType;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Frames;
import dev.otpnet.testing.Loopback;
import dev.otpnet.testing.PacketReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code {packet, T}} in every active mode: a peer writes pre-framed bytes in odd-sized
 * pieces, and the socket delivers them as whole packets, in order, then one end of stream. One
 * suite, run over every (type, mode) pair.
 */
class FramingModesTest {
    private static final int[] SIZES = {0, 1, 2, 127, 128, 255, 256, 1023, 65535, 70000};
    private static final int[] PIECES = {1, 3, 7, 64, 1000, 4096, 16384};

    /** What the peer writes and what the socket must deliver (a {@link Bytes}, or an http packet's term). */
    record Sample(Bytes wire, List<Object> packets) {
    }

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    static Stream<Arguments> typesAndModes() {
        List<Arguments> out = new ArrayList<>();
        for (PacketType type : PacketType.values()) {
            for (ActiveMode mode : ActiveMode.values()) {
                out.add(Arguments.of(type, mode));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "'{'packet,{0}'}' '{'active,{1}'}'")
    @MethodSource("typesAndModes")
    void preFramedBytesArriveAsWholePacketsInOrder(PacketType type, ActiveMode mode) throws Exception {
        Sample sample = sample(type);
        try (Loopback p = Loopback.open(List.of(binary(), packet(type), PacketReader.initial(mode)),
                List.of(binary(), active(false), nodelay(true)))) {
            sendInPieces(p.client(), sample.wire());
            p.client().close();
            PacketReader reader = new PacketReader(p.server(), mode);
            if (type == PacketType.RAW) {
                Bytes all = Bytes.EMPTY;
                for (int reads = 0; all.size() < sample.wire().size() && reads < sample.wire().size(); reads++) {
                    all = all.concat(assertInstanceOf(Bytes.class, reader.next()));
                }
                assertEquals(sample.wire(), all, "raw delivers the bytes as they come");
            } else {
                for (int i = 0; i < sample.packets().size(); i++) {
                    Object got = reader.next();
                    assertEquals(sample.packets().get(i), got instanceof HttpPacket ? got.toString() : got,
                            "packet " + i + " of " + sample.packets().size());
                }
            }
            if (mode == ActiveMode.FALSE) {
                assertEquals(InetError.CLOSED, reader.end(), "then the end of the stream");
            } else {
                assertNull(reader.end(), "then Closed, with no Error before it");
            }
        }
    }

    /**
     * Large packets back to back, all read before any is looked at: a packet handed out as a view
     * of the receive buffer must not change when the next ones are read.
     */
    @ParameterizedTest(name = "'{'active,{0}'}'")
    @org.junit.jupiter.params.provider.EnumSource(ActiveMode.class)
    void largePacketsInARowStayAsDelivered(ActiveMode mode) throws Exception {
        int[] sizes = {16_384, 16_385, 40_000, 65_536, 70_000, 100_000, 33_000, 250_000, 17, 70_000};
        try (Loopback p = Loopback.open(List.of(binary(), packet(PacketType.FOUR), PacketReader.initial(mode)),
                List.of(binary(), packet(PacketType.FOUR), active(false), nodelay(true)))) {
            List<Bytes> sent = new ArrayList<>();
            for (int i = 0; i < sizes.length; i++) {
                byte[] body = new byte[sizes[i]];
                for (int j = 0; j < body.length; j++) {
                    body[j] = (byte) (j * 13 + i);
                }
                sent.add(Bytes.wrap(body));
                p.client().send(Bytes.wrap(body));
            }
            PacketReader reader = new PacketReader(p.server(), mode);
            List<Object> got = new ArrayList<>();
            for (int i = 0; i < sizes.length; i++) {
                got.add(reader.next());
            }
            assertEquals(sent, got);
        }
    }

    /** Writes {@code wire} in pieces of varying sizes, so packets straddle the reads. */
    static void sendInPieces(TcpSocket s, Bytes wire) throws InetException {
        int at = 0;
        for (int i = 0; at < wire.size(); i++) {
            int n = Math.min(PIECES[i % PIECES.length], wire.size() - at);
            s.send(wire.slice(at, at + n));
            at += n;
        }
    }

    static Sample sample(PacketType type) {
        return switch (type) {
            case HTTP, HTTP_BIN -> http(type == PacketType.HTTP_BIN);
            case HTTPH, HTTPH_BIN -> httph(type == PacketType.HTTPH_BIN);
            default -> bytes(type);
        };
    }

    private static Sample bytes(PacketType type) {
        Bytes wire = Bytes.EMPTY;
        List<Object> packets = new ArrayList<>();
        int[] sizes = Arrays.stream(SIZES).filter(n -> n <= Frames.maxPayload(type)).toArray();
        for (int i = 0; i < sizes.length; i++) {
            Bytes payload = Frames.payload(sizes[i]);
            wire = wire.concat(Frames.frame(type, payload, i));
            packets.add(Frames.delivered(type, payload, i));
        }
        if (type == PacketType.ASN1) {
            // Erlang's quirk, kept: an indefinite length (0x80) is a packet of its two header bytes.
            wire = wire.concat(Bytes.of((byte) 0x30, (byte) 0x80));
            packets.add(Bytes.of((byte) 0x30, (byte) 0x80));
        }
        return new Sample(wire, packets);
    }

    /** Pipelined messages: the socket moves to header lines after each first line and back after http_eoh. */
    private static Sample http(boolean bin) {
        Bytes wire = Bytes.latin1("GET /index.html HTTP/1.1\r\nHost: example.com\r\nX-Folded: a\r\n b\r\n\r\n"
                + "POST /submit?x=1 HTTP/1.0\r\nContent-Length: 0\r\n\r\n"
                + "HTTP/1.1 404 Not Found\r\nServer: otpnet\r\n\r\n");
        // What Erlang/OTP 25's gen_tcp gives for these bytes in {packet, http_bin} and {packet, http}.
        List<Object> packets = List.of(
                "{http_request,'GET',{abs_path," + s("/index.html", bin) + "},{1,1}}",
                "{http_header,14,'Host'," + s("Host", bin) + "," + s("example.com", bin) + "}",
                "{http_header,0," + s("X-Folded", bin) + "," + s("X-Folded", bin) + "," + s("a\\r\\n b", bin) + "}",
                "http_eoh",
                "{http_request,'POST',{abs_path," + s("/submit?x=1", bin) + "},{1,0}}",
                "{http_header,38,'Content-Length'," + s("Content-Length", bin) + "," + s("0", bin) + "}",
                "http_eoh",
                "{http_response,{1,1},404," + s("Not Found", bin) + "}",
                "{http_header,30,'Server'," + s("Server", bin) + "," + s("otpnet", bin) + "}",
                "http_eoh");
        return new Sample(wire, packets);
    }

    private static Sample httph(boolean bin) {
        Bytes wire = Bytes.latin1("Host: a\r\nX-Two: b\r\n\r\nAccept: */*\r\n\r\n");
        List<Object> packets = List.of(
                "{http_header,14,'Host'," + s("Host", bin) + "," + s("a", bin) + "}",
                "{http_header,0," + s("X-Two", bin) + "," + s("X-Two", bin) + "," + s("b", bin) + "}",
                "http_eoh",
                "{http_header,8,'Accept'," + s("Accept", bin) + "," + s("*/*", bin) + "}",
                "http_eoh");
        return new Sample(wire, packets);
    }

    /** An Erlang string or binary literal of already-escaped text. */
    private static String s(String escaped, boolean bin) {
        return bin ? "<<\"" + escaped + "\">>" : "\"" + escaped + "\"";
    }
}
