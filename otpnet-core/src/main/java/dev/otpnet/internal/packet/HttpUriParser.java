package dev.otpnet.internal.packet;

import dev.otpnet.inet.Bytes;
import dev.otpnet.packet.HttpString;
import dev.otpnet.packet.HttpUri;
import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * Classifies a Request-URI as Erlang/OTP 25's {@code http_parse_uri} does; see {@link HttpUri}
 * for the forms and their quirks.
 */
final class HttpUriParser {
    private static final HttpUri STAR = new HttpUri.Star();
    private static final Bytes SLASH = Bytes.latin1("/");

    private final ByteBuffer in;
    private final boolean binary;
    private final Codec.Slicer slicer;

    HttpUriParser(ByteBuffer in, boolean binary, Codec.Slicer slicer) {
        this.in = in;
        this.binary = binary;
        this.slicer = slicer;
    }

    HttpUri parse(int from, int len) {
        if (len == 1 && in.get(from) == '*') {
            return STAR;
        }
        if (len <= 1 || in.get(from) == '/') {
            return new HttpUri.AbsPath(text(from, len));
        }
        if (len >= 7 && prefixIgnoringCase(from, "http://")) {
            return absolute(HttpUri.Scheme.HTTP, from + 7, len - 7);
        }
        if (len >= 8 && prefixIgnoringCase(from, "https://")) {
            return absolute(HttpUri.Scheme.HTTPS, from + 8, len - 8);
        }
        int colon = indexOf(from, len, ':');
        if (colon < 0) {
            return new HttpUri.Text(text(from, len));
        }
        return new HttpUri.SchemeUri(text(from, colon - from), text(colon + 1, len - (colon - from + 1)));
    }

    /** {@code host[:port][/path]}: the host ends at the first colon, the path starts at the first slash. */
    private HttpUri absolute(HttpUri.Scheme scheme, int from, int len) {
        int slash = indexOf(from, len, '/');
        HttpString path;
        if (slash < 0) {
            path = new HttpString(SLASH, binary);
        } else {
            path = text(slash, len - (slash - from));
            len = slash - from;
        }
        int colon = indexOf(from, len, ':');
        if (colon < 0) {
            return new HttpUri.Absolute(scheme, text(from, len), OptionalInt.empty(), path);
        }
        int port = 0;
        int i = colon + 1;
        int left = len - (colon - from + 1);
        while (left > 0 && in.get(i) >= '0' && in.get(i) <= '9') {
            port = port * 10 + (in.get(i) - '0');
            i++;
            left--;
        }
        OptionalInt p = left == 0 && port != 0 ? OptionalInt.of(port) : OptionalInt.empty();
        return new HttpUri.Absolute(scheme, text(from, colon - from), p, path);
    }

    private boolean prefixIgnoringCase(int from, String prefix) {
        for (int k = 0; k < prefix.length(); k++) {
            int c = in.get(from + k);
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(int from, int len, char c) {
        for (int i = from; i < from + len; i++) {
            if (in.get(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private HttpString text(int from, int len) {
        return new HttpString(slicer.slice(in, from, len), binary);
    }
}
