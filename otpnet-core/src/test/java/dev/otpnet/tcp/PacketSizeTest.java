package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.packetSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.packet.HttpPacket;
import dev.otpnet.packet.PacketType;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Eventually;
import dev.otpnet.testing.Frames;
import dev.otpnet.testing.Loopback;
import dev.otpnet.testing.PacketReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code {packet_size, N}} for every packet type that has it, in every active mode: a packet within
 * the limit is delivered, the next one over it ends the stream with {@code emsgsize}, which
 * {@code recv} returns, or which comes as {@code Error} followed by {@code Closed}, as gen_tcp does.
 */
class PacketSizeTest {
    private static final int LIMIT = 20;

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    static Stream<Arguments> typesAndModes() {
        List<Arguments> out = new ArrayList<>();
        for (PacketType type : PacketType.values()) {
            if (type == PacketType.RAW) {
                continue; // raw has no packets to bound
            }
            for (ActiveMode mode : ActiveMode.values()) {
                out.add(Arguments.of(type, mode));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "'{'packet,{0}'}' '{'active,{1}'}'")
    @MethodSource("typesAndModes")
    void aPacketOverPacketSizeEndsTheStreamWithEmsgsize(PacketType type, ActiveMode mode) throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), packet(type), packetSize(LIMIT), PacketReader.initial(mode)),
                List.of(binary(), active(false)))) {
            p.client().send(within(type).concat(over(type)));
            PacketReader reader = new PacketReader(p.server(), mode);
            Object first = reader.next();
            switch (type) {
                case HTTP, HTTP_BIN -> assertInstanceOf(HttpPacket.Request.class, first);
                case HTTPH, HTTPH_BIN -> assertInstanceOf(HttpPacket.Header.class, first);
                default -> assertEquals(Frames.delivered(type, payloadWithin(type), 0), first,
                        "the packet within the limit comes first");
            }
            assertEquals(Posix.EMSGSIZE, reader.end());
            Eventually.until("the socket closes after the framing error", () -> !p.server().isOpen());
        }
    }

    /** A packet of each type whose size counted as packet_size counts it is within {@link #LIMIT}. */
    private static Bytes within(PacketType type) {
        return switch (type) {
            case HTTP, HTTP_BIN -> Bytes.latin1("GET / HTTP/1.1\r\n");
            case HTTPH, HTTPH_BIN -> Bytes.latin1("Host: h\r\n");
            default -> Frames.frame(type, payloadWithin(type), 0);
        };
    }

    /** The largest payload within the limit: a line's delimiter counts, other headers do not. */
    private static Bytes payloadWithin(PacketType type) {
        return Frames.payload(type == PacketType.LINE ? LIMIT - 1 : LIMIT);
    }

    /** One byte too many for {@link #LIMIT}: body, content, line with its delimiter, or http line. */
    private static Bytes over(PacketType type) {
        return switch (type) {
            case HTTP, HTTP_BIN -> Bytes.latin1("GET /" + "a".repeat(LIMIT) + " HTTP/1.1\r\n");
            case HTTPH, HTTPH_BIN -> Bytes.latin1("X: " + "v".repeat(LIMIT) + "\r\n\r\n");
            default -> Frames.frame(type, Frames.payload(type == PacketType.LINE ? LIMIT : LIMIT + 1), 0);
        };
    }

    @Test
    void aPacketTooLargeForATwoByteHeaderIsRefusedAndTheSocketStaysUsable() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), packet(2), active(false)))) {
            InetException e = assertThrows(InetException.class, () -> p.client().send(new byte[65536]));
            assertEquals("{badarg,{packet_to_large,65536,65535}}", e.reason().toString());
            p.client().send(new byte[65535]);
            assertEquals(65535, ((Bytes) p.server().recv(0, 5000)).size());
        }
    }

    @Test
    void typesWithoutALengthHeaderSendThePacketAsItIs() throws Exception {
        for (PacketType type : List.of(PacketType.LINE, PacketType.ASN1, PacketType.TPKT, PacketType.HTTP_BIN)) {
            try (Loopback p = Loopback.open(List.of(binary(), active(false)), List.of(binary(), packet(type)))) {
                Bytes framed = Frames.frame(PacketType.TPKT, Frames.payload(300), 0);
                p.client().send(framed);
                Bytes got = Bytes.EMPTY;
                for (int reads = 0; got.size() < framed.size() && reads < framed.size(); reads++) {
                    got = got.concat((Bytes) p.server().recv(0, 5000));
                }
                assertEquals(framed, got, "{packet," + type + "} adds nothing on send");
                assertTrue(p.client().isOpen());
            }
        }
    }
}
