package dev.otpnet.packet;

import dev.otpnet.inet.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of streams for each packet type: mostly valid packets, some garbage, some limits. */
final class PacketArbitraries {
    private PacketArbitraries() {}

    /** A stream of one packet type, the options to decode it with, and its bytes. */
    record Stream(PacketType type, PacketOptions options, byte[] bytes) {
        @Override
        public String toString() {
            return "{packet," + type + "} " + options + " " + Bytes.wrap(bytes.clone()).hex();
        }
    }

    static Arbitrary<Stream> streams(PacketType type) {
        Arbitrary<byte[]> bytes = Arbitraries.frequencyOf(
                        Tuple.of(9, packet(type)),
                        Tuple.of(1, payload(8)))
                .list().ofMaxSize(6)
                .map(PacketArbitraries::concat);
        Arbitrary<Integer> limit = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.integers().between(1, 120)));
        Arbitrary<Byte> delimiter = Arbitraries.of((byte) '\n', (byte) '\n', (byte) ';', (byte) 0);
        Arbitrary<PacketOptions> options = Combinators.combine(limit, limit, delimiter)
                // decode_packet takes line_delimiter for line only (badarg otherwise); a socket for any type.
                .as((size, length, d) -> new PacketOptions(size, length, d, type == PacketType.LINE));
        return Combinators.combine(options, bytes).as((o, b) -> new Stream(type, o, b));
    }

    /** Any type but raw, whose packet boundaries are wherever the reads end. */
    static Arbitrary<Stream> framedStreams() {
        return Arbitraries.of(PacketType.class).filter(t -> t != PacketType.RAW).flatMap(PacketArbitraries::streams);
    }

    static Arbitrary<byte[]> payload(int max) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(max);
    }

    static Arbitrary<byte[]> packet(PacketType type) {
        return switch (type) {
            case RAW -> payload(40);
            case ONE, TWO, FOUR -> payload(type == PacketType.ONE ? 255 : 300)
                    .map(p -> Packets.encode(type, Bytes.wrap(p)).toArray());
            case LINE -> Arbitraries.strings().withChars("ab;\n\u0000 ").ofMaxLength(40)
                    .map(s -> Bytes.latin1(s).toArray());
            case ASN1 -> Combinators.combine(payload(300), Arbitraries.integers().between(0, 4),
                    Arbitraries.of(new byte[] {0x30}, new byte[] {0x1f, (byte) 0x81, 0x02}, new byte[] {0x04}))
                    .as(PacketArbitraries::tlv);
            case CDR -> Combinators.combine(payload(60), Arbitraries.of(true, false)).as(PacketArbitraries::giop);
            case SUNRM -> Combinators.combine(payload(60), Arbitraries.of(true, false)).as((p, last) -> concat(List.of(
                    int32((last ? 0x8000_0000 : 0) | p.length, ByteOrder.BIG_ENDIAN), p)));
            case FCGI -> Combinators.combine(payload(60), Arbitraries.integers().between(0, 9))
                    .as(PacketArbitraries::fcgi);
            case TPKT -> payload(60).map(p -> concat(List.of(
                    new byte[] {3, 0, (byte) ((p.length + 4) >> 8), (byte) (p.length + 4)}, p)));
            case HTTP, HTTP_BIN, HTTPH, HTTPH_BIN -> httpLines();
        };
    }

    private static Arbitrary<byte[]> httpLines() {
        Arbitrary<String> start = Arbitraries.of("GET / HTTP/1.1\r\n", "POST /p?q=1 HTTP/1.0\r\n",
                "HTTP/1.1 200 OK\r\n", "OPTIONS * HTTP/1.1\n", "not a request line\r\n", "GET http://h:80/x\r\n");
        Arbitrary<String> header = Arbitraries.of("Host: example.com\r\n", "content-length: 3\r\n",
                "X-Folded: a\r\n b\r\n\tc\r\n", "Bad Header\r\n", "X:\r\n", "\r\n", "\n");
        Arbitrary<String> noise = Arbitraries.strings().withChars("ab: \r\n\t").ofMaxLength(12);
        return Arbitraries.frequencyOf(
                        Tuple.of(2, start), Tuple.of(5, header), Tuple.of(1, noise))
                .list().ofMaxSize(5)
                .map(lines -> Bytes.latin1(String.join("", lines)).toArray());
    }

    private static byte[] tlv(byte[] contents, int lengthBytes, byte[] tag) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tag);
        int n = contents.length;
        if (lengthBytes == 0 && n < 128) {
            out.write(n);
        } else {
            int k = Math.max(lengthBytes, n < 256 ? 1 : 2);
            out.write(0x80 | k);
            for (int i = k - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    private static byte[] giop(byte[] body, boolean little) {
        byte[] head = {'G', 'I', 'O', 'P', 1, 2, (byte) (little ? 1 : 0), 0};
        return concat(List.of(head, int32(body.length, little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN), body));
    }

    private static byte[] fcgi(byte[] content, int padding) {
        byte[] head = {1, 1, 0, 1, (byte) (content.length >> 8), (byte) content.length, (byte) padding, 0};
        return concat(List.of(head, content, new byte[padding]));
    }

    private static byte[] int32(int v, ByteOrder order) {
        return ByteBuffer.allocate(4).order(order).putInt(v).array();
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
