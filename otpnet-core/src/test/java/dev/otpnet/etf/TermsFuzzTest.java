package dev.otpnet.etf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.otpnet.inet.Bytes;
import java.util.List;

/**
 * The fuzz target for {@code binary_to_term}. In a normal build it replays its seed corpus
 * ({@code src/test/resources/dev/otpnet/etf/TermsFuzzTestInputs/<method>/}: Erlang's encodings,
 * crafted boundaries and malformed inputs); with {@code JAZZER_FUZZ=1} it fuzzes (see
 * {@code docs/FUZZING.md}).
 *
 * <p>Whatever the bytes, decoding either gives a term or throws {@link BadargException} with an
 * offset inside the input (any other exception, a hang or an out-of-memory error is a finding),
 * with and without {@code safe}; {@code used} never exceeds the input; and a decoded term encodes
 * and decodes back to itself, its deterministic bytes stable.
 */
class TermsFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void decodeAnswersAnyBytesWithATermOrBadarg(byte[] input) {
        Bytes in = Bytes.wrap(input);
        check(in, List.of(Terms.safe()));
        check(in, List.of());
    }

    private static void check(Bytes in, List<DecodeOption> options) {
        Terms.Decoded d;
        try {
            d = Terms.decode(in, options);
        } catch (BadargException e) {
            assertTrue(e.offset() >= 0, e::getMessage);
            return;
        }
        assertTrue(d.used() >= 2 && d.used() <= in.size(), () -> "used " + d.used() + " of " + in.size());
        Bytes det = Terms.termToBinary(d.term(), List.of(Terms.deterministic()));
        Term back = Terms.binaryToTerm(det, List.of(Terms.maxDepth(Terms.DEFAULT_MAX_DEPTH + 1)));
        assertEquals(d.term(), back);
        assertEquals(det, Terms.termToBinary(back, List.of(Terms.deterministic())));
        assertEquals(d.term(), Terms.binaryToTerm(Terms.termToBinary(d.term(), List.of(Terms.compressed(),
                Terms.minorVersion(1))), List.of(Terms.maxDepth(Terms.DEFAULT_MAX_DEPTH + 1))));
    }
}
