package dev.otpnet.testing;

import dev.otpnet.inet.Bytes;
import dev.otpnet.packet.PacketType;
import dev.otpnet.packet.Packets;
import java.io.ByteArrayOutputStream;

/**
 * Frames payloads by hand, as a peer that speaks each protocol would put them on the wire, for
 * the byte packet types: only 1, 2 and 4 get their header from a socket's send; the others keep
 * theirs, so a test must write it. {@code variant} picks among the header's legal forms so a run
 * over several payloads covers them all:
 *
 * <pre>
 *   type   variant 0                     variant 1                      variant 2
 *   asn1   tag 0x04, shortest length     high tag 0x1f 0x81 0x02        tag 0x30, 4-byte long form
 *   cdr    GIOP 1.0 big-endian           GIOP 1.2 little-endian         (as 0)
 *   sunrm  last fragment                 not the last fragment          (as 0)
 *   fcgi   no padding                    1 byte of padding              2 bytes of padding
 * </pre>
 */
public final class Frames {
    private Frames() {
    }

    /** The payload with the header (or delimiter) its type puts around it. */
    public static Bytes frame(PacketType type, Bytes payload, int variant) {
        int n = payload.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 16);
        switch (type) {
            case RAW -> { }
            case ONE, TWO, FOUR -> out.writeBytes(Packets.lengthHeader(type, n).toArray());
            case LINE -> { }
            case ASN1 -> {
                switch (variant % 3) {
                    case 0 -> out.write(0x04);
                    case 1 -> out.writeBytes(new byte[] {0x1f, (byte) 0x81, 0x02});
                    default -> out.write(0x30);
                }
                out.writeBytes(berLength(n, variant % 3 == 2));
            }
            case CDR -> {
                boolean little = variant % 2 == 1;
                out.writeBytes(new byte[] {'G', 'I', 'O', 'P', 1, (byte) (little ? 2 : 0), (byte) (little ? 1 : 0), 0});
                out.writeBytes(little ? le32(n) : be32(n));
            }
            case SUNRM -> out.writeBytes(be32(variant % 2 == 0 ? n | 0x8000_0000 : n));
            case FCGI -> out.writeBytes(new byte[] {1, 5, 0, 1, (byte) (n >> 8), (byte) n, (byte) (variant % 3), 0});
            case TPKT -> out.writeBytes(new byte[] {3, 0, (byte) ((n + 4) >> 8), (byte) (n + 4)});
            default -> throw new IllegalArgumentException("{packet," + type + "} packets are not byte frames");
        }
        out.writeBytes(payload.toArray());
        if (type == PacketType.LINE) {
            out.write('\n');
        }
        if (type == PacketType.FCGI) {
            out.writeBytes(new byte[variant % 3]);
        }
        return Bytes.wrap(out.toByteArray());
    }

    /** What a socket in {@code {packet, type}} delivers for that frame: 1, 2, 4 drop the header, fcgi its padding. */
    public static Bytes delivered(PacketType type, Bytes payload, int variant) {
        Bytes framed = frame(type, payload, variant);
        return switch (type) {
            case ONE, TWO, FOUR -> payload;
            case FCGI -> framed.slice(0, framed.size() - variant % 3);
            default -> framed;
        };
    }

    /** The largest payload a frame of {@code type} can carry (line: as long as memory allows). */
    public static int maxPayload(PacketType type) {
        return switch (type) {
            case ONE -> 255;
            case TWO, FCGI -> 65535;
            case TPKT -> 65531;
            default -> Integer.MAX_VALUE;
        };
    }

    /** {@code n} bytes that never contain a newline, so that they are also a valid line. */
    public static Bytes payload(int n) {
        byte[] a = new byte[n];
        for (int i = 0; i < n; i++) {
            a[i] = (byte) ('a' + i % 26);
        }
        return Bytes.wrap(a);
    }

    /** A BER length: short form below 128 (unless {@code fourBytes}), else 0x80|k and k big-endian bytes. */
    static byte[] berLength(int n, boolean fourBytes) {
        if (fourBytes) {
            byte[] b = be32(n);
            return new byte[] {(byte) 0x84, b[0], b[1], b[2], b[3]};
        }
        if (n < 128) {
            return new byte[] {(byte) n};
        }
        int k = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
        byte[] out = new byte[k + 1];
        out[0] = (byte) (0x80 | k);
        for (int i = 0; i < k; i++) {
            out[k - i] = (byte) (n >>> (8 * i));
        }
        return out;
    }

    static byte[] be32(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    static byte[] le32(int n) {
        return new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)};
    }
}
