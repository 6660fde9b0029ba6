package dev.otpnet.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PacketPropertiesTest {

    @Provide
    Arbitrary<PacketArbitraries.Stream> framedStreams() {
        return PacketArbitraries.framedStreams();
    }

    @Provide
    Arbitrary<PacketType> lengthTypes() {
        return Arbitraries.of(PacketType.ONE, PacketType.TWO, PacketType.FOUR);
    }

    @Property(tries = 400)
    void aStreamSplitAtAnyOffsetDecodesToTheSamePacketsAsInOnePiece(
            @ForAll("framedStreams") PacketArbitraries.Stream s) {
        StreamFeeder.Outcome whole = StreamFeeder.feedAll(Packets.decoder(s.type(), s.options()), s.bytes());
        for (int k = 1; k < s.bytes().length; k++) {
            int first = k;
            StreamFeeder.Outcome split = StreamFeeder.feed(Packets.decoder(s.type(), s.options()), s.bytes(),
                    left -> left == s.bytes().length ? first : left);
            assertEquals(whole, split, "split at " + k);
        }
        StreamFeeder.Outcome byteByByte = StreamFeeder.feed(Packets.decoder(s.type(), s.options()), s.bytes(), left -> 1);
        assertEquals(whole, byteByByte, "one byte at a time");
    }

    @Property(tries = 200)
    void theDecoderAgreesWithDecodePacketWhenNoReceiveBufferIsGiven(
            @ForAll("framedStreams") PacketArbitraries.Stream s) {
        PacketOptions options = s.options().withLineLength(0);
        StreamFeeder.Outcome socket = StreamFeeder.feedAll(Packets.decoder(s.type(), options), s.bytes());
        // decode_packet has no state between calls: follow the http switch by hand.
        List<Object> packets = new ArrayList<>();
        Bytes rest = Bytes.wrap(s.bytes());
        PacketType type = s.type();
        String end = "closed";
        while (true) {
            Decoded d = Packets.decode(type, rest, options);
            if (d instanceof Decoded.Ok(Object packet, Bytes after)) {
                packets.add(packet);
                rest = after;
                type = switch (packet) {
                    case HttpPacket.Request r -> s.type() == PacketType.HTTP ? PacketType.HTTPH : PacketType.HTTPH_BIN;
                    case HttpPacket.Response r -> s.type() == PacketType.HTTP ? PacketType.HTTPH : PacketType.HTTPH_BIN;
                    case HttpPacket.EndOfHeaders e -> s.type();
                    default -> type;
                };
            } else {
                if (d instanceof Decoded.Error) {
                    end = "emsgsize";
                }
                break;
            }
        }
        assertEquals(new StreamFeeder.Outcome(packets, end), socket);
    }

    @Property(tries = 300)
    void aPayloadFramedForOneTwoOrFourDecodesBackToItself(
            @ForAll("lengthTypes") PacketType type, @ForAll @Size(max = 600) List<@Size(max = 300) byte[]> payloads)
            throws InetException {
        List<Object> expected = new ArrayList<>();
        List<byte[]> wire = new ArrayList<>();
        for (byte[] p : payloads) {
            Bytes payload = Bytes.wrap(type == PacketType.ONE && p.length > 255 ? java.util.Arrays.copyOf(p, 255) : p);
            Bytes framed = Packets.encode(type, payload);
            assertEquals(new Decoded.Ok(payload, Bytes.EMPTY), Packets.decode(type, framed));
            expected.add(payload);
            wire.add(framed.toArray());
        }
        StreamFeeder.Outcome got = StreamFeeder.feedAll(Packets.decoder(type, PacketOptions.DEFAULT),
                PacketArbitraries.concat(wire));
        assertEquals(new StreamFeeder.Outcome(expected, "closed"), got);
    }

    @Property(tries = 200)
    void aLineLongerThanLineLengthComesInPiecesAndTheNextLineComesWhole(
            @ForAll @IntRange(min = 1, max = 30) int lineLength, @ForAll @IntRange(min = 1, max = 200) int longLength) {
        String longLine = "x".repeat(longLength) + "\n";
        String next = "y".repeat(Math.max(0, lineLength - 1)) + "\n";
        StreamFeeder.Outcome o = StreamFeeder.feedAll(
                Packets.decoder(PacketType.LINE, PacketOptions.DEFAULT.withLineLength(lineLength)),
                (longLine + next).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        StringBuilder joined = new StringBuilder();
        List<Object> packets = o.packets();
        for (Object p : packets.subList(0, packets.size() - 1)) {
            String piece = ((Bytes) p).latin1();
            assertTrue(piece.length() <= lineLength, piece);
            joined.append(piece);
        }
        assertEquals(longLine, joined.toString());
        assertEquals(Bytes.latin1(next), packets.getLast());
        assertEquals("closed", o.end());
    }

    @Property(tries = 200)
    void afterAnOversizePacketIsRefusedTheBytesAfterItStillDecode(
            @ForAll("lengthTypes") PacketType type, @ForAll @Size(max = 40) byte[] small,
            @ForAll @IntRange(min = 1, max = 200) int excess, @ForAll @Size(max = 40) byte[] after)
            throws InetException {
        int limit = Math.max(1, small.length);
        byte[] big = new byte[Math.min(limit + excess, type == PacketType.ONE ? 255 : 1000)];
        if (big.length <= limit) {
            return;
        }
        PacketOptions options = PacketOptions.DEFAULT.withPacketSize(limit);
        Bytes bigFramed = Packets.encode(type, Bytes.wrap(big));
        Bytes stream = Packets.encode(type, Bytes.wrap(small)).concat(bigFramed).concat(Packets.encode(type, Bytes.wrap(after)));

        PacketDecoder decoder = Packets.decoder(type, options);
        ByteBuffer in = stream.asByteBuffer();
        assertEquals(Bytes.wrap(small), decoder.decode(in));
        int refusedAt = in.position();
        InetException e = assertThrows(InetException.class, () -> decoder.decode(in));
        assertEquals(Posix.EMSGSIZE, e.reason());
        assertEquals(new Decoded.Error(dev.otpnet.inet.InetError.INVALID),
                Packets.decode(type, stream.slice(refusedAt, stream.size()), options));

        Bytes rest = stream.slice(refusedAt + bigFramed.size(), stream.size());
        Decoded next = Packets.decode(type, rest, PacketOptions.DEFAULT.withPacketSize(Math.max(1, after.length)));
        assertEquals(Bytes.wrap(after), assertInstanceOf(Decoded.Ok.class, next).packet());
    }
}
