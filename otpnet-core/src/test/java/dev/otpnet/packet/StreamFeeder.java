package dev.otpnet.packet;

import dev.otpnet.inet.InetException;
import dev.otpnet.internal.packet.ErlTerms;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Plays a socket reader: feeds a byte stream to a {@link PacketDecoder} in chunks, as reads would
 * deliver it, and collects the packets and how the stream ended. Between chunks the unread bytes
 * are moved to a fresh buffer (heap, direct, or a slice with an array offset, in turn), as a
 * reader that compacts would, so a decoder that remembered absolute positions would be caught.
 */
final class StreamFeeder {
    private StreamFeeder() {}

    /** What a socket reading {@code stream} would deliver: the packets and the ending reason. */
    record Outcome(List<Object> packets, String end) {
        /** The packets as Erlang prints their list, {@code [<<"a">>,{http_request,...}]}. */
        String printedPackets() {
            List<String> terms = new ArrayList<>();
            for (Object p : packets) {
                terms.add(ErlTerms.term(p));
            }
            return "[" + String.join(",", terms) + "]";
        }
    }

    /**
     * Feeds {@code stream} in chunks whose sizes {@code chunk} gives (called with the bytes left),
     * then ends it: {@code closed} if every packet was whole, or the reason the decoder failed with.
     */
    static Outcome feed(PacketDecoder decoder, byte[] stream, IntUnaryOperator chunk) {
        List<Object> packets = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(0);
        int written = 0;
        int round = 0;
        while (true) {
            try {
                Object p;
                while ((p = decoder.decode(buf)) != null) {
                    packets.add(p);
                }
            } catch (InetException e) {
                return new Outcome(packets, e.reason().toString());
            }
            int expected = decoder.expectedSize();
            if (expected != -1 && expected <= buf.remaining()) {
                throw new AssertionError("expectedSize " + expected + " but " + buf.remaining() + " bytes were there");
            }
            if (written == stream.length) {
                return new Outcome(packets, "closed");
            }
            int n = Math.max(1, Math.min(chunk.applyAsInt(stream.length - written), stream.length - written));
            buf = refill(buf, stream, written, n, round++);
            written += n;
        }
    }

    /** The whole stream at once. */
    static Outcome feedAll(PacketDecoder decoder, byte[] stream) {
        return feed(decoder, stream, left -> left);
    }

    private static ByteBuffer refill(ByteBuffer old, byte[] stream, int from, int n, int round) {
        int size = old.remaining() + n;
        ByteBuffer fresh = switch (round % 3) {
            case 0 -> ByteBuffer.allocate(size);
            case 1 -> ByteBuffer.allocateDirect(size);
            default -> ByteBuffer.allocate(size + 7).position(7).slice();
        };
        fresh.put(old).put(stream, from, n).flip();
        return fresh;
    }
}
