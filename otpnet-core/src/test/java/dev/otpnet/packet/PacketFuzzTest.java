package dev.otpnet.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Fuzz targets, one per packet type. In a normal build they replay their seed corpus
 * ({@code src/test/resources/dev/otpnet/packet/PacketFuzzTestInputs/<method>/}) as regression
 * tests; with {@code JAZZER_FUZZ=1} one of them fuzzes (see {@code docs/FUZZING.md}).
 *
 * <p>Input layout: byte 0 picks {@code packet_size} (0 = none, else 1..255), byte 1
 * {@code line_length} (same), byte 2 the line delimiter, the rest is the stream.
 *
 * <p>Whatever the bytes, {@code decode} answers without throwing, its answer is consistent (the
 * rest is a suffix of the input, {@code {more, N}} asks for more than there is), and the socket
 * decoder agrees with {@code decode} on the first packet, fails only with {@code emsgsize}, and
 * delivers the same packets however the stream is split.
 */
class PacketFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void rawStreamsDecodeConsistently(byte[] input) {
        check(PacketType.RAW, input);
    }

    @FuzzTest(maxDuration = "5m")
    void onePrefixedStreamsDecodeConsistently(byte[] input) {
        check(PacketType.ONE, input);
    }

    @FuzzTest(maxDuration = "5m")
    void twoPrefixedStreamsDecodeConsistently(byte[] input) {
        check(PacketType.TWO, input);
    }

    @FuzzTest(maxDuration = "5m")
    void fourPrefixedStreamsDecodeConsistently(byte[] input) {
        check(PacketType.FOUR, input);
    }

    @FuzzTest(maxDuration = "5m")
    void lineStreamsDecodeConsistently(byte[] input) {
        check(PacketType.LINE, input);
    }

    @FuzzTest(maxDuration = "5m")
    void asn1StreamsDecodeConsistently(byte[] input) {
        check(PacketType.ASN1, input);
    }

    @FuzzTest(maxDuration = "5m")
    void cdrStreamsDecodeConsistently(byte[] input) {
        check(PacketType.CDR, input);
    }

    @FuzzTest(maxDuration = "5m")
    void sunrmStreamsDecodeConsistently(byte[] input) {
        check(PacketType.SUNRM, input);
    }

    @FuzzTest(maxDuration = "5m")
    void fcgiStreamsDecodeConsistently(byte[] input) {
        check(PacketType.FCGI, input);
    }

    @FuzzTest(maxDuration = "5m")
    void tpktStreamsDecodeConsistently(byte[] input) {
        check(PacketType.TPKT, input);
    }

    @FuzzTest(maxDuration = "5m")
    void httpStreamsDecodeConsistently(byte[] input) {
        check(PacketType.HTTP, input);
    }

    @FuzzTest(maxDuration = "5m")
    void httphStreamsDecodeConsistently(byte[] input) {
        check(PacketType.HTTPH, input);
    }

    @FuzzTest(maxDuration = "5m")
    void httpBinStreamsDecodeConsistently(byte[] input) {
        check(PacketType.HTTP_BIN, input);
    }

    @FuzzTest(maxDuration = "5m")
    void httphBinStreamsDecodeConsistently(byte[] input) {
        check(PacketType.HTTPH_BIN, input);
    }

    private static void check(PacketType type, byte[] input) {
        if (input.length < 3) {
            return;
        }
        PacketOptions options = new PacketOptions(input[0] & 0xff, input[1] & 0xff, input[2], type == PacketType.LINE);
        byte[] stream = Arrays.copyOfRange(input, 3, input.length);
        Bytes bin = Bytes.wrap(stream);

        Decoded decoded = Packets.decode(type, bin, options);
        assertTrue(!decoded.toString().isEmpty());
        switch (decoded) {
            case Decoded.Ok(Object packet, Bytes rest) -> {
                assertTrue(rest.size() < bin.size() || type == PacketType.RAW && bin.isEmpty());
                assertEquals(bin.slice(bin.size() - rest.size(), bin.size()), rest);
                if (!type.isHttp()) {
                    assertTrue(((Bytes) packet).size() <= bin.size() - rest.size());
                }
            }
            case Decoded.More(var length) -> assertTrue(length.isEmpty() || length.getAsInt() > bin.size());
            case Decoded.Error e -> assertEquals("{error,invalid}", e.toString());
        }

        PacketOptions unwindowed = options.withLineLength(0);
        Object first = firstPacket(type, unwindowed, stream);
        Decoded plain = Packets.decode(type, bin, unwindowed);
        if (!(type.isHttp() && isLoneEmptyLine(stream))) {
            switch (plain) {
                case Decoded.Ok ok -> assertEquals(ok.packet(), first);
                case Decoded.More more -> assertEquals(null, first);
                case Decoded.Error error -> assertEquals(Posix.EMSGSIZE, first);
            }
        }

        if (type != PacketType.RAW) {
            StreamFeeder.Outcome whole = StreamFeeder.feedAll(Packets.decoder(type, options), stream);
            int step = 1 + (stream.length == 0 ? 0 : (stream[0] & 7));
            StreamFeeder.Outcome chunked = StreamFeeder.feed(Packets.decoder(type, options), stream, left -> step);
            assertEquals(whole, chunked);
            assertTrue(whole.end().equals("closed") || whole.end().equals("emsgsize"), whole.end());
        }
    }

    /**
     * Erlang takes a buffer that is exactly an empty line as a packet without checking the limit;
     * the stream decoder checks it, so that a socket's answer does not depend on segmentation.
     */
    private static boolean isLoneEmptyLine(byte[] stream) {
        return Arrays.equals(stream, new byte[] {'\n'}) || Arrays.equals(stream, new byte[] {'\r', '\n'});
    }

    /** The decoder's first packet, null if it wants more, or the failure's reason. */
    private static Object firstPacket(PacketType type, PacketOptions options, byte[] stream) {
        try {
            return Packets.decoder(type, options).decode(ByteBuffer.wrap(stream));
        } catch (InetException e) {
            return assertInstanceOf(Posix.class, e.reason());
        }
    }
}
