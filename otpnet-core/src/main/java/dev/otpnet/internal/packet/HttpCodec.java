package dev.otpnet.internal.packet;

import dev.otpnet.packet.HttpPacket;
import dev.otpnet.packet.PacketType;
import java.nio.ByteBuffer;

/**
 * {@code http}, {@code httph}, {@code http_bin}, {@code httph_bin}: one HTTP/1 line per packet,
 * parsed into an {@link HttpPacket}.
 *
 * <pre>
 * http:    GET /index.html HTTP/1.1\r\n        -> {http_request,'GET',{abs_path,"/index.html"},{1,1}}
 *          \___ request or status line: state switches to headers
 * httph:   Host: example.com\r\n               -> {http_header,14,'Host',"Host","example.com"}
 *          X-Long: a\r\n                       -> {http_header,0,"X-Long","X-Long","a\r\n b"}
 *           b\r\n        (folded: a line starting with SP or HT continues the header)
 *          \r\n                                -> http_eoh: state switches back to request line
 * </pre>
 *
 * <p>The state is Erlang's: {@code http} and {@code http_bin} start at the request/status line,
 * move to headers after a valid one, and back after {@code http_eoh}, so one stream carries
 * pipelined or keep-alive messages, as a gen_tcp socket in {@code {packet, http}} does. An
 * {@code http_error} leaves the state where it was. {@code httph} and {@code httph_bin} are always
 * in headers. A line ends at {@code \n} (the {@code \r} before it is optional). In headers, a line
 * that ends exactly where the received bytes end is not complete until the next byte shows it is
 * not folded, except a lone empty line.
 *
 * <p>Limits: {@code packet_size}, or {@code line_length} when {@code packet_size} is 0, bounds a
 * line with its ending (all the lines of a folded header); without a line ending, that many bytes
 * waiting is already an error. One Erlang quirk: when the bytes waiting are exactly an empty line
 * ({@code \r\n} or {@code \n}) it is a packet at once, limit unchecked, so with a limit of 1
 * {@code \r\n} passes alone but fails with a byte after it. On a socket that would depend on how
 * the stream was segmented; a stream codec checks the limit there too, so it does not.
 */
public final class HttpCodec implements Codec {
    private final boolean headersOnly;
    private final boolean binary;
    private final int maxLine;
    private final boolean stream;
    private boolean inHeaders;
    /** Offset from the packet start where the search for the next {@code \n} resumes. */
    private int from;

    HttpCodec(PacketType type, int packetSize, int lineLength, boolean stream) {
        this.headersOnly = type == PacketType.HTTPH || type == PacketType.HTTPH_BIN;
        this.binary = type == PacketType.HTTP_BIN || type == PacketType.HTTPH_BIN;
        this.maxLine = packetSize != 0 ? packetSize : lineLength;
        this.inHeaders = headersOnly;
        this.stream = stream;
    }

    @Override
    public int length(ByteBuffer in) {
        if (headersOnly) {
            inHeaders = true;
        }
        int s = in.position();
        int n = in.remaining();
        if ((n == 1 && in.get(s) == '\n') || (n == 2 && in.get(s) == '\r' && in.get(s + 1) == '\n')) {
            return stream && maxLine != 0 && n > maxLine ? TOO_LARGE : n;
        }
        while (true) {
            int nl = LineCodec.indexOf(in, s + from, s + n, (byte) '\n');
            if (nl < 0) {
                from = n;
                return maxLine != 0 && n >= maxLine ? TOO_LARGE : NEED_MORE;
            }
            int plen = nl - s + 1;
            if (inHeaders && plen < n) {
                byte next = in.get(nl + 1);
                if ((next == ' ' || next == '\t') && plen > 2) {
                    from = plen;
                    continue;
                }
            }
            from = plen - 1;
            if (maxLine != 0 && plen > maxLine) {
                return TOO_LARGE;
            }
            return !inHeaders || plen < n ? plen : NEED_MORE;
        }
    }

    @Override
    public Object packet(ByteBuffer in, int length, Slicer slicer) {
        from = 0;
        HttpPacket p = new HttpParser(in, in.position(), length, binary, slicer).parse(inHeaders);
        switch (p) {
            case HttpPacket.Request _, HttpPacket.Response _ -> inHeaders = true;
            case HttpPacket.EndOfHeaders _ -> inHeaders = false;
            default -> { }
        }
        return p;
    }

    /** Erlang's http_state: whether the next line is a header line rather than a request or status line. */
    boolean inHeaders() {
        return inHeaders;
    }

    /** Continues a stream whose http_state was {@code inHeaders} under earlier options. */
    void resume(boolean inHeaders) {
        this.inHeaders = inHeaders || headersOnly;
    }

    /** How far the scan has got, from the packet start (for tests). */
    int scannedSoFar() {
        return from;
    }
}
