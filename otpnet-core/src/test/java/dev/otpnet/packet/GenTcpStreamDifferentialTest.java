package dev.otpnet.packet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Packets#decoder} against a real gen_tcp socket: an escript sends generated streams
 * (several packets, a partial one at the end, oversize or malformed ones) through a TCP
 * connection whose receiving end is in {@code {packet, Type}} mode and records what
 * {@code gen_tcp:recv/2} returns until the stream ends. Our decoder, fed the same bytes in one
 * piece and in random chunks, must deliver the same packets and end the same way
 * ({@code closed}, or {@code emsgsize} for every framing error). This pins what
 * {@code decode_packet} cannot show: the http/httph switching of a socket, lines cut at the
 * receive buffer size, and the error reason on a socket.
 */
@Tag("interop")
class GenTcpStreamDifferentialTest {
    /** Fixed so a failure reproduces; {@code -Dotpnet.packet.seed=N} explores other inputs. */
    private static final String SEED = System.getProperty("otpnet.packet.seed", "1121");
    private static final String STREAMS_PER_TYPE = System.getProperty("otpnet.packet.count", "40");

    private static final Map<PacketType, List<String[]>> streams = new EnumMap<>(PacketType.class);

    /**
     * Runs the escript once, on first use, so that without Erlang every case reports itself as
     * skipped (or failed, in CI) with the reason.
     */
    private static synchronized Map<PacketType, List<String[]>> loadStreams() throws IOException, InterruptedException {
        if (streams.isEmpty()) {
            Path out = Files.createTempFile("gen_tcp_streams-", ".tsv");
            try {
                ErlangPeer.run("gen_tcp_stream_cases.escript", SEED, STREAMS_PER_TYPE, out.toString());
                for (String line : Files.readAllLines(out, StandardCharsets.ISO_8859_1)) {
                    String[] f = line.split("\t", -1);
                    streams.computeIfAbsent(PacketType.of(f[0]), t -> new ArrayList<>()).add(f);
                }
            } finally {
                Files.deleteIfExists(out);
            }
        }
        return streams;
    }

    @ParameterizedTest
    @EnumSource(value = PacketType.class, names = "RAW", mode = EnumSource.Mode.EXCLUDE)
    void theDecoderDeliversWhatAGenTcpSocketDelivers(PacketType type)
            throws IOException, InterruptedException {
        List<String[]> mine = loadStreams().getOrDefault(type, List.of());
        assertTrue(mine.size() >= 40, () -> "too few gen_tcp streams for " + type + ": " + mine.size());
        Random random = new Random(type.ordinal());
        List<String> mismatches = new ArrayList<>();
        for (String[] f : mine) {
            // gen_tcp cuts lines at its receive buffer and takes it as the longest http line.
            PacketOptions options = new PacketOptions(
                    Integer.parseInt(f[1]), Integer.parseInt(f[2]), (byte) Integer.parseInt(f[3]));
            byte[] stream = HexFormat.of().parseHex(f[4]);
            String expected = f[5] + " then " + f[6];
            StreamFeeder.Outcome whole = StreamFeeder.feedAll(Packets.decoder(type, options), stream);
            StreamFeeder.Outcome chunked = StreamFeeder.feed(Packets.decoder(type, options), stream,
                    left -> 1 + random.nextInt(Math.min(left, 16)));
            for (StreamFeeder.Outcome o : List.of(whole, chunked)) {
                String actual = o.printedPackets() + " then " + o.end();
                if (!actual.equals(expected)) {
                    mismatches.add("{packet," + type + "} " + options + " <<16#" + f[4] + ">>\n  gen_tcp: " + expected
                            + "\n  otpnet:  " + actual + (o == whole ? " (in one piece)" : " (in chunks)"));
                }
            }
        }
        assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " outcomes differ from gen_tcp, the first ones:\n"
                + String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size()))));
    }
}
