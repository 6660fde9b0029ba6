package dev.otpnet.internal.packet;

import java.nio.ByteBuffer;

/**
 * {@code asn1}: one BER TLV. The packet is the whole TLV, tag and length included.
 *
 * <pre>
 * identifier                      length                       contents
 * +------------------+ +--------+ +-------------------------+ +-----------------+
 * | class|c| tag<31  |            | 0 | length (0..127)     | | length bytes    |
 * +------------------+            +-------------------------+ +-----------------+
 * | class|c| 11111   | | 1 tag... | 1 | n (1..4) | n bytes BE |
 * +------------------+ +--------+ +-------------------------+
 *   high tag number: more bytes     long form: n length bytes
 *   while bit 8 is set, then one
 * </pre>
 *
 * <p>As Erlang: a long length form with more than 4 length bytes is invalid (checked only once
 * they have all arrived); {@code 0x80}, BER's indefinite length, counts as length 0, so the packet
 * is the identifier and that one length byte and the contents stay in the rest. Erlang does not
 * look for end-of-contents octets, and neither does this. {@code packet_size} bounds the contents.
 */
public final class Asn1Codec implements Codec {
    private final int packetSize;

    Asn1Codec(int packetSize) {
        this.packetSize = packetSize;
    }

    @Override
    public int length(ByteBuffer in) {
        int start = in.position();
        int nn = in.remaining();
        if (nn < 2) {
            return NEED_MORE;
        }
        // t: the byte being read; nn: bytes from t to the end, t included.
        int t = start;
        nn--;
        if ((in.get(t++) & 0x1f) == 0x1f) {
            while (nn > 0 && (in.get(t) & 0x80) != 0) {
                t++;
                nn--;
            }
            if (nn < 2) {
                return NEED_MORE;
            }
            t++;
            nn--;
        }
        int first = in.get(t) & 0xff;
        int count = first & 0x7f;
        long contents;
        if ((first & 0x80) != 0) {
            t++;
            nn--;
            if (nn < count) {
                return NEED_MORE;
            }
            if (count > 4) {
                return INVALID;
            }
            contents = Codec.unsigned(in, t, count);
            t += count;
        } else {
            t++;
            contents = count;
        }
        return Codec.remain(t - start, contents, packetSize);
    }

    @Override
    public Object packet(ByteBuffer in, int length, Slicer slicer) {
        return slicer.slice(in, in.position(), length);
    }
}
