package dev.otpnet.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PacketsTest {

    private static Bytes bin(int... bytes) {
        byte[] a = new byte[bytes.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) bytes[i];
        }
        return Bytes.wrap(a);
    }

    @Test
    void lengthPrefixedPacketsComeWithoutTheirHeaderAndLeaveTheRest() {
        Decoded d = Packets.decode(PacketType.TWO, bin(0, 3, 'a', 'b', 'c', 'd'));
        assertEquals(new Decoded.Ok(Bytes.latin1("abc"), Bytes.latin1("d")), d);
        assertEquals("{ok,<<\"abc\">>,<<\"d\">>}", d.toString());
    }

    @Test
    void anIncompletePacketSaysHowLargeItWillBeOnceItsHeaderIsIn() {
        assertEquals(new Decoded.More(OptionalInt.of(7)), Packets.decode(PacketType.FOUR, bin(0, 0, 0, 3, 'a')));
        assertEquals(Decoded.More.UNDEFINED, Packets.decode(PacketType.FOUR, bin(0, 0)));
        assertEquals("{more,undefined}", Decoded.More.UNDEFINED.toString());
    }

    @Test
    void decodeReportsOversizeAndMalformedAlikeAsInvalid() {
        PacketOptions small = PacketOptions.DEFAULT.withPacketSize(2);
        assertEquals(new Decoded.Error(InetError.INVALID), Packets.decode(PacketType.ONE, bin(3, 1, 2, 3), small));
        assertEquals(new Decoded.Error(InetError.INVALID), Packets.decode(PacketType.TPKT, bin(4, 0, 0, 4)));
        assertEquals("{error,invalid}", Packets.decode(PacketType.CDR, Bytes.latin1("GIOX00000000")).toString());
    }

    @Test
    void aSocketDecoderReportsOversizeAndMalformedAlikeAsEmsgsize() {
        PacketDecoder oversize = Packets.decoder(PacketType.FOUR, PacketOptions.DEFAULT.withPacketSize(3));
        InetException e = assertThrows(InetException.class, () -> oversize.decode(bin(0, 0, 0, 4).asByteBuffer()));
        assertEquals(Posix.EMSGSIZE, e.reason());
        assertTrue(e.getMessage().contains("{packet_size,3}"), e.getMessage());

        PacketDecoder malformed = Packets.decoder(PacketType.CDR, PacketOptions.DEFAULT);
        e = assertThrows(InetException.class, () -> malformed.decode(Bytes.latin1("GIOX00000000").asByteBuffer()));
        assertEquals(Posix.EMSGSIZE, e.reason());
    }

    @Test
    void aHeaderAnnouncingTwoGigabytesIsRefusedFromTheHeaderAlone() {
        PacketDecoder limited = Packets.decoder(PacketType.FOUR, PacketOptions.DEFAULT.withPacketSize(1 << 20));
        assertThrows(InetException.class, () -> limited.decode(bin(0x7f, 0xff, 0xff, 0xfb).asByteBuffer()));
    }

    @Test
    void withoutALimitTheDecoderWaitsAndTellsTheReaderTheSizeToAllocate() throws InetException {
        PacketDecoder d = Packets.decoder(PacketType.FOUR, PacketOptions.DEFAULT);
        ByteBuffer header = bin(0x7f, 0xff, 0xff, 0xfb, 1, 2).asByteBuffer();
        assertNull(d.decode(header));
        assertEquals(Integer.MAX_VALUE, d.expectedSize());
        assertEquals(0, header.position());
        assertThrows(InetException.class, () -> d.decode(bin(0x7f, 0xff, 0xff, 0xfc).asByteBuffer()),
                "a packet of 2^31 bytes with its header does not fit an int, as in Erlang");
    }

    @Test
    void expectedSizeIsMinusOneWhileTheLengthIsUnknown() throws InetException {
        PacketDecoder d = Packets.decoder(PacketType.LINE, PacketOptions.DEFAULT);
        assertNull(d.decode(Bytes.latin1("no newline yet").asByteBuffer()));
        assertEquals(-1, d.expectedSize());
    }

    @Test
    void fcgiKeepsTheHeaderDropsThePaddingAndConsumesBoth() throws InetException {
        Bytes record = bin(1, 1, 0, 1, 0, 3, 2, 0, 'a', 'b', 'c', 'P', 'P', 'n', 'e', 'x', 't');
        assertEquals(new Decoded.Ok(record.slice(0, 11), Bytes.latin1("next")), Packets.decode(PacketType.FCGI, record));
        ByteBuffer in = record.asByteBuffer();
        assertEquals(record.slice(0, 11), Packets.decoder(PacketType.FCGI, PacketOptions.DEFAULT).decode(in));
        assertEquals(13, in.position());
    }

    @Test
    void asn1IndefiniteLengthIsTakenAsLengthZeroAsErlangDoes() {
        assertEquals(new Decoded.Ok(bin(0x30, 0x80), bin(1, 1, 0, 0)),
                Packets.decode(PacketType.ASN1, bin(0x30, 0x80, 1, 1, 0, 0)));
    }

    // erlang:decode_packet(T, Bin, [{line_delimiter, C}]) raises badarg for every T but line,
    // even for C = $\n (checked on Erlang/OTP 25 for all fifteen types).
    @Test
    void lineDelimiterOnATypeOtherThanLineIsBadargAsInDecodePacket() {
        for (PacketType type : PacketType.values()) {
            for (char c : new char[] {'\n', ';'}) {
                PacketOptions given = PacketOptions.DEFAULT.withLineDelimiter(c);
                if (type == PacketType.LINE) {
                    assertInstanceOf(Decoded.Ok.class, Packets.decode(type, Bytes.latin1("a;b\n"), given));
                } else {
                    var e = assertThrows(IllegalArgumentException.class,
                            () -> Packets.decode(type, Bytes.latin1("a;b\n"), given), type + " " + c);
                    assertTrue(e.getMessage().contains("line_delimiter"), e.getMessage());
                }
            }
            assertFalse(Packets.decode(type, Bytes.latin1("GET / HTTP/1.1\r\n"), PacketOptions.DEFAULT)
                    .toString().isEmpty(), "the default names no delimiter, so every type takes it");
        }
    }

    @Test
    void aSocketDecoderTakesALineDelimiterWhateverItsType() {
        for (PacketType type : PacketType.values()) {
            assertNotNull(Packets.decoder(type, PacketOptions.DEFAULT.withLineDelimiter(';')), type.toString());
        }
    }

    @Test
    void aLineKeepsItsDelimiterAndLineLengthCutsLongLines() {
        assertEquals("{ok,<<\"ab;\">>,<<\"c\">>}", Packets.decode(PacketType.LINE, Bytes.latin1("ab;c"),
                PacketOptions.DEFAULT.withLineDelimiter(';')).toString());
        assertEquals("{ok,<<\"abc\">>,<<\"def\\n\">>}", Packets.decode(PacketType.LINE, Bytes.latin1("abcdef\n"),
                PacketOptions.DEFAULT.withLineLength(3)).toString());
    }

    @Test
    void anHttpSocketSwitchesToHeadersAndBackForEachPipelinedMessage() throws InetException {
        PacketDecoder d = Packets.decoder(PacketType.HTTP_BIN, PacketOptions.DEFAULT);
        ByteBuffer in = Bytes.latin1("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.0\r\n\r\n").asByteBuffer();
        List<String> packets = new java.util.ArrayList<>();
        Object p;
        while ((p = d.decode(in)) != null) {
            packets.add(p.toString());
        }
        assertEquals(List.of("{http_request,'GET',{abs_path,<<\"/a\">>},{1,1}}",
                "{http_header,14,'Host',<<\"Host\">>,<<\"x\">>}", "http_eoh",
                "{http_request,'GET',{abs_path,<<\"/b\">>},{1,0}}", "http_eoh"), packets);
    }

    @Test
    void httpPacketsAreRecordsToMatchOn() {
        Decoded d = Packets.decode(PacketType.HTTPH, Bytes.latin1("content-length: 42\r\n\r\n"));
        HttpPacket.Header h = assertInstanceOf(HttpPacket.Header.class, assertInstanceOf(Decoded.Ok.class, d).packet());
        assertEquals(HttpField.Known.CONTENT_LENGTH, h.field());
        assertEquals(38, h.index());
        assertEquals("content-length", h.rawName().text());
        assertEquals("42", h.value().text());
        assertFalse(h.value().binary());
        assertEquals("{http_header,38,'Content-Length',\"content-length\",\"42\"}", h.toString());

        Object request = ((Decoded.Ok) Packets.decode(PacketType.HTTP, Bytes.latin1("PATCH http://h:8080 HTTP/1.1\n"))).packet();
        String described = switch ((HttpPacket) request) {
            case HttpPacket.Request(HttpMethod.Other m, HttpUri.Absolute u, HttpVersion v) ->
                    m.text() + " " + u.host().text() + ":" + u.port().orElse(-1) + u.path().text() + " " + v;
            default -> "something else";
        };
        assertEquals("PATCH h:8080/ {1,1}", described);
    }

    @Test
    void unknownHeaderNamesAreRecapitalisedAndLongOnesLeftAlone() {
        assertEquals("{ok,{http_header,0,\"X-Custom-Id\",\"x-cUSTOM-id\",\"1\"},<<\"\\r\\n\">>}",
                Packets.decode(PacketType.HTTPH, Bytes.latin1("x-cUSTOM-id: 1\r\n\r\n")).toString());
        String longName = "a".repeat(51);
        assertEquals("{ok,{http_header,0,\"" + longName + "\",\"" + longName + "\",\"v\"},<<\"\\r\\n\">>}",
                Packets.decode(PacketType.HTTPH, Bytes.latin1(longName + ": v\r\n\r\n")).toString());
    }

    @Test
    void aSendTooLargeForItsHeaderWrapsTheLengthExactlyAsGenTcpDoes() {
        Bytes payload = Bytes.wrap(new byte[300]);
        assertFalse(Packets.fitsLengthHeader(PacketType.ONE, 300));
        assertEquals(bin(44), Packets.lengthHeader(PacketType.ONE, 300));
        Bytes sent = Packets.encode(PacketType.ONE, payload);
        assertEquals(301, sent.size());
        assertEquals(44, sent.get(0), "gen_tcp:send on OTP 25 writes 300 mod 256 and returns ok");
        assertEquals(bin(0x11, 0x70), Packets.lengthHeader(PacketType.TWO, 70_000));
        assertTrue(Packets.fitsLengthHeader(PacketType.TWO, 65_535));
        assertTrue(Packets.fitsLengthHeader(PacketType.FOUR, 0xffff_ffffL));
        assertFalse(Packets.fitsLengthHeader(PacketType.FOUR, 0x1_0000_0000L));
        assertTrue(Packets.fitsLengthHeader(PacketType.LINE, Long.MAX_VALUE));
    }

    @Test
    void encodingPrependsTheBigEndianLengthOnlyForOneTwoAndFour() {
        assertEquals(bin(0, 0, 0, 2, 'h', 'i'), Packets.encode(PacketType.FOUR, Bytes.latin1("hi")));
        assertEquals(bin(0), Packets.encode(PacketType.ONE, Bytes.EMPTY));
        assertEquals(Bytes.latin1("hi\n"), Packets.encode(PacketType.LINE, Bytes.latin1("hi\n")));
        assertEquals(Bytes.EMPTY, Packets.lengthHeader(PacketType.ASN1, 10));
        assertThrows(IllegalArgumentException.class, () -> Packets.lengthHeader(PacketType.FOUR, -1));
    }
}
