package dev.otpnet.internal.packet;

import dev.otpnet.inet.Bytes;
import dev.otpnet.packet.HttpField;
import dev.otpnet.packet.HttpMethod;
import dev.otpnet.packet.HttpPacket;
import dev.otpnet.packet.HttpString;
import dev.otpnet.packet.HttpVersion;
import java.nio.ByteBuffer;

/**
 * Parses one framed HTTP line into an {@link HttpPacket}: a port of Erlang/OTP 25's
 * {@code packet_parse_http}, quirks included (see {@link HttpCodec} for the framing).
 *
 * <pre>
 * Status-Line  = "HTTP/" 1*DIGIT "." 1*DIGIT 1*SP *DIGIT (1*SP | end) phrase
 * Request-Line = token 1*SP 1*non-SP *SP [ "HTTP/" 1*DIGIT "." 1*DIGIT anything ]
 * header       = token ":" *SP value                 (no blank before the colon)
 * SP = " " | "\t";   token = bytes 33..127 except ()<>@,;:\"/[]?={}
 * </pre>
 *
 * <p>A line that does not parse becomes {@code {http_error, Line}} with its line ending. Numbers
 * are accumulated in 32-bit arithmetic that wraps, as Erlang's C does.
 */
final class HttpParser {
    private static final int MAX_NAME = 50;
    private static final boolean[] SPECIAL = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            SPECIAL[c] = c <= 32 || c >= 128;
        }
        for (char c : "()<>@,;:\\\"/[]?={} \t".toCharArray()) {
            SPECIAL[c] = true;
        }
    }

    private final ByteBuffer in;
    private final int start;
    private final int length;
    private final boolean binary;
    private final Codec.Slicer slicer;
    /** Read position (absolute) and bytes left before the line ending. */
    private int p;
    private int n;

    HttpParser(ByteBuffer in, int start, int length, boolean binary, Codec.Slicer slicer) {
        this.in = in;
        this.start = start;
        this.length = length;
        this.binary = binary;
        this.slicer = slicer;
    }

    HttpPacket parse(boolean inHeaders) {
        p = start;
        n = length;
        if (n >= 2 && at(start + n - 2) == '\r') {
            n -= 2;
        } else if (n >= 1 && at(start + n - 1) == '\n') {
            n -= 1;
        }
        HttpPacket packet;
        if (inHeaders) {
            packet = header();
        } else if (n >= 5 && startsWith(p, "HTTP/")) {
            packet = response();
        } else {
            packet = request();
        }
        return packet != null ? packet : new HttpPacket.Error(text(start, length));
    }

    private HttpPacket response() {
        p += 5;
        n -= 5;
        int q = p;
        int major = digits();
        if (p == q || n == 0 || at(p) != '.') {
            return null;
        }
        p++;
        n--;
        q = p;
        int minor = digits();
        if (p == q) {
            return null;
        }
        q = p;
        skipBlanks();
        if (p == q) {
            return null;
        }
        int status = digits();
        q = p;
        skipBlanks();
        if (p == q && n > 0) {
            return null;
        }
        return new HttpPacket.Response(new HttpVersion(major, minor), status, text(p, n));
    }

    private HttpPacket request() {
        int methodStart = p;
        while (n > 0 && !SPECIAL[at(p)]) {
            p++;
            n--;
        }
        int methodLen = p - methodStart;
        if (n == 0 || methodLen == 0 || !blank(p)) {
            return null;
        }
        skipBlanks();
        int uriStart = p;
        while (n > 0 && !blank(p)) {
            p++;
            n--;
        }
        int uriLen = p - uriStart;
        if (uriLen == 0) {
            return null;
        }
        skipBlanks();
        HttpVersion version;
        if (n == 0) {
            version = HttpVersion.HTTP_0_9;
        } else {
            if (n < 8 || !startsWith(p, "HTTP/")) {
                return null;
            }
            p += 5;
            n -= 5;
            int q = p;
            int major = digits();
            if (p == q || n == 0 || at(p) != '.') {
                return null;
            }
            p++;
            n--;
            q = p;
            int minor = digits();
            if (p == q) {
                return null;
            }
            version = new HttpVersion(major, minor);
        }
        return new HttpPacket.Request(method(methodStart, methodLen),
                new HttpUriParser(in, binary, slicer).parse(uriStart, uriLen), version);
    }

    private HttpMethod method(int from, int len) {
        if (len <= 7) {
            for (HttpMethod.Known m : HttpMethod.Known.values()) {
                if (m.name().length() == len && startsWith(from, m.name())) {
                    return m;
                }
            }
        }
        return new HttpMethod.Other(text(from, len));
    }

    private HttpPacket header() {
        if (n == 0) {
            return HttpPacket.EndOfHeaders.INSTANCE;
        }
        byte[] name = new byte[MAX_NAME];
        int nameLen = 0;
        boolean up = true;
        while (!SPECIAL[at(p)]) {
            if (nameLen < MAX_NAME) {
                int c = at(p);
                if (up) {
                    if (c >= 'a' && c <= 'z') {
                        c -= 32;
                    }
                    up = false;
                } else if (c >= 'A' && c <= 'Z') {
                    c += 32;
                } else if (c == '-') {
                    up = true;
                }
                name[nameLen] = (byte) c;
            }
            nameLen++;
            p++;
            if (--n == 0) {
                return null;
            }
        }
        if (at(p) != ':') {
            return null;
        }
        HttpString raw = text(start, nameLen);
        HttpField field;
        if (nameLen <= MAX_NAME) {
            Bytes fixed = Bytes.copyOf(name, 0, nameLen);
            field = HttpField.Known.lookup(fixed.latin1())
                    .<HttpField>map(k -> k)
                    .orElseGet(() -> new HttpField.Other(new HttpString(fixed, binary)));
        } else {
            field = new HttpField.Other(raw);
        }
        p++;
        n--;
        skipBlanks();
        return new HttpPacket.Header(field, raw, text(p, n));
    }

    /** Reads decimal digits into an int that wraps as C's does. */
    private int digits() {
        int v = 0;
        while (n > 0 && isDigit(p)) {
            v = 10 * v + (at(p) - '0');
            p++;
            n--;
        }
        return v;
    }

    private void skipBlanks() {
        while (n > 0 && blank(p)) {
            p++;
            n--;
        }
    }

    private boolean blank(int i) {
        int c = at(i);
        return c == ' ' || c == '\t';
    }

    private boolean isDigit(int i) {
        int c = at(i);
        return c >= '0' && c <= '9';
    }

    private boolean startsWith(int i, String s) {
        for (int k = 0; k < s.length(); k++) {
            if (at(i + k) != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private int at(int i) {
        return in.get(i) & 0xff;
    }

    private HttpString text(int from, int len) {
        return new HttpString(slicer.slice(in, from, len), binary);
    }
}
