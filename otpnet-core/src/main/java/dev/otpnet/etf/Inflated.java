package dev.otpnet.etf;

import java.util.Arrays;
import java.util.function.Function;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The inflated body of a compressed term (tag 80). The output grows in steps as the zlib stream
 * produces it and never beyond the announced size, so a forged size allocates nothing the
 * stream does not back with data; a stream that ends early or would go on longer is refused.
 *
 * @param consumed how many input bytes the zlib stream took
 */
record Inflated(byte[] data, int consumed) {
    private static final int STEP = 64 * 1024;

    static Inflated of(byte[] in, int from, int to, long size, Function<String, BadargException> fail) {
        if (size > Integer.MAX_VALUE - 8) {
            throw fail.apply("a compressed term of " + size + " bytes is larger than this decoder takes");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in, from, to - from);
            byte[] out = new byte[(int) Math.min(size, STEP)];
            int n = 0;
            while (true) {
                if (n == out.length) {
                    if (n == size) {
                        // Full: the stream must end here; one more byte would exceed the size.
                        byte[] probe = new byte[1];
                        if (!inflater.finished() && inflater.inflate(probe) > 0) {
                            throw fail.apply("the compressed data inflates to more than the announced " + size + " bytes");
                        }
                        break;
                    }
                    out = Arrays.copyOf(out, (int) Math.min(size, (long) out.length * 2));
                }
                int got = inflater.inflate(out, n, out.length - n);
                n += got;
                if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
            if (!inflater.finished()) {
                throw fail.apply("the compressed data is cut short or damaged");
            }
            if (n != size) {
                throw fail.apply("the compressed data inflates to " + n + " bytes, not the announced " + size);
            }
            return new Inflated(out, (int) inflater.getBytesRead());
        } catch (DataFormatException e) {
            throw fail.apply("the compressed data is not a valid zlib stream (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }
}
