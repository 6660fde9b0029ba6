package dev.otpnet.packet;

/**
 * {@code {Major, Minor}} of an HTTP request or status line; prints as {@code {1,1}}.
 *
 * <p>A request line without a version (HTTP/0.9 style, {@code GET /}) gives {@code {0,9}}. The
 * numbers are parsed as Erlang parses them, in 32-bit arithmetic that wraps on overflow: so a
 * version of {@code HTTP/99999999999.1} is {@code {1215752191,1}} in both.
 */
public record HttpVersion(int major, int minor) {
    public static final HttpVersion HTTP_0_9 = new HttpVersion(0, 9);
    public static final HttpVersion HTTP_1_0 = new HttpVersion(1, 0);
    public static final HttpVersion HTTP_1_1 = new HttpVersion(1, 1);

    @Override
    public String toString() {
        return "{" + major + "," + minor + "}";
    }
}
