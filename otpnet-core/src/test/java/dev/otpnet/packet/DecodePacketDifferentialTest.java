package dev.otpnet.packet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Packets#decode} against the real {@code erlang:decode_packet/3}: an escript generates
 * thousands of inputs per packet type (random with a fixed seed, and crafted: every boundary of
 * every length form, truncations, garbage, long and folded lines, odd URIs, methods, versions,
 * packet_size and line_length), runs them through Erlang and prints each result with
 * {@code ~p}; our result's {@code toString()} must be that same text.
 */
@Tag("interop")
class DecodePacketDifferentialTest {
    /** Fixed so a failure reproduces; {@code -Dotpnet.packet.seed=N} explores other inputs. */
    private static final String SEED = System.getProperty("otpnet.packet.seed", "20251121");
    private static final String CASES_PER_TYPE = System.getProperty("otpnet.packet.count", "1000");

    private static final Map<PacketType, List<String[]>> cases = new EnumMap<>(PacketType.class);

    /**
     * Runs the escript once, on first use, so that without Erlang every case reports itself as
     * skipped (or failed, in CI) with the reason.
     */
    private static synchronized Map<PacketType, List<String[]>> loadCases() throws IOException, InterruptedException {
        if (cases.isEmpty()) {
            Path out = Files.createTempFile("decode_packet_cases-", ".tsv");
            try {
                ErlangPeer.run("decode_packet_cases.escript", SEED, CASES_PER_TYPE, out.toString());
                for (String line : Files.readAllLines(out, StandardCharsets.ISO_8859_1)) {
                    String[] f = line.split("\t", -1);
                    cases.computeIfAbsent(PacketType.of(f[0]), t -> new ArrayList<>()).add(f);
                }
            } finally {
                Files.deleteIfExists(out);
            }
        }
        return cases;
    }

    @ParameterizedTest
    @EnumSource(PacketType.class)
    void decodeGivesWhatErlangDecodePacketGives(PacketType type)
            throws IOException, InterruptedException {
        List<String[]> mine = loadCases().getOrDefault(type, List.of());
        assertTrue(mine.size() >= 1000, () -> "too few Erlang cases for " + type + ": " + mine.size());
        List<String> mismatches = new ArrayList<>();
        for (String[] f : mine) {
            // The escript gives decode_packet a line_delimiter for line only (other types raise badarg).
            PacketOptions options = new PacketOptions(Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    (byte) Integer.parseInt(f[3]), type == PacketType.LINE);
            Bytes input = Bytes.wrap(HexFormat.of().parseHex(f[4]));
            String expected = f[5];
            String actual;
            try {
                actual = Packets.decode(type, input, options).toString();
            } catch (RuntimeException e) {
                actual = "threw " + e;
            }
            if (!actual.equals(expected)) {
                mismatches.add("decode_packet(" + type + ", <<16#" + f[4] + ">>, " + options + ")\n  erlang: "
                        + expected + "\n  otpnet: " + actual);
            }
        }
        assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " of " + mine.size()
                + " cases differ from Erlang, the first ones:\n" + String.join("\n", mismatches.subList(0,
                        Math.min(15, mismatches.size()))));
    }
}
