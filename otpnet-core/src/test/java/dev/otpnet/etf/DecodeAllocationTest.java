package dev.otpnet.etf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Decoding allocates in proportion to its input: hostile length fields (4 GiB lists, tuples,
 * maps, binaries and bignums announced in a few bytes) and every seed of the fuzz corpus are
 * decoded while the thread's allocation counter is read before and after. The bound is
 * {@value #PER_BYTE} bytes of heap per input byte plus {@value #BASE} bytes; compressed inputs are
 * held to it against their inflated size, which the zlib stream itself bounds.
 */
@Timeout(60)
class DecodeAllocationTest {
    private static final long PER_BYTE = 128;
    private static final long BASE = 64 * 1024;

    /**
     * {@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes()}, by reflection: the
     * test sources compile inside module {@code dev.otpnet}, which does not read the management modules.
     */
    private static long allocated() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes")
                    .invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread", e);
        }
    }

    private static List<byte[]> inputs() throws IOException, URISyntaxException {
        List<byte[]> all = new ArrayList<>();
        for (String hostile : List.of("836cffffffff6a", "8369fffffff0", "8374ffffffff", "836dffffffff00",
                "836fffffffff00", "836bffff00", "8376ffff61", "835a0005640001610000000000", "834dffffffff03ff",
                "83700000ffff00")) {
            all.add(HexFormat.of().parseHex(hostile));
        }
        Path corpus = Path.of(DecodeAllocationTest.class.getResource(
                "TermsFuzzTestInputs/decodeAnswersAnyBytesWithATermOrBadarg").toURI());
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path f : files.sorted().toList()) {
                all.add(Files.readAllBytes(f));
            }
        }
        return all;
    }

    @Test
    void decodingAllocatesInProportionToTheInput() throws IOException, URISyntaxException {
        List<byte[]> inputs = inputs();
        for (byte[] warm : inputs) {
            decodeQuietly(warm); // class loading and atom interning happen once, outside the measure
        }
        List<String> over = new ArrayList<>();
        for (byte[] input : inputs) {
            long size = input.length > 1 && (input[1] & 0xff) == Tag.COMPRESSED && input.length >= 6
                    ? Math.max(input.length, ((input[2] & 0xffL) << 24) | ((input[3] & 0xff) << 16)
                            | ((input[4] & 0xff) << 8) | (input[5] & 0xff))
                    : input.length;
            long used = Long.MAX_VALUE;
            for (int run = 0; run < 3; run++) { // the least of three: a one-off (a JIT deoptimization) is not the decoder's
                long before = allocated();
                decodeQuietly(input);
                used = Math.min(used, allocated() - before);
            }
            if (used > BASE + PER_BYTE * size) {
                over.add(HexFormat.of().formatHex(input, 0, Math.min(input.length, 24)) + "... (" + input.length
                        + " bytes) allocated " + used);
            }
        }
        assertTrue(over.isEmpty(), () -> "decoding allocated beyond the bound:\n" + String.join("\n", over));
    }

    private static void decodeQuietly(byte[] input) {
        try {
            Terms.decode(Bytes.wrap(input), List.of());
        } catch (BadargException expected) {
            // refusing is fine; only the allocation is measured
        }
    }
}
