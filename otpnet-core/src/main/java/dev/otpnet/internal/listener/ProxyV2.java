package dev.otpnet.internal.listener;

import static dev.otpnet.internal.listener.ProxyV1.error;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.listener.ProxyHeader;
import dev.otpnet.listener.ProxyHeader.Addresses;
import dev.otpnet.listener.ProxyHeader.Command;
import dev.otpnet.listener.ProxyHeader.Family;
import dev.otpnet.listener.ProxyHeader.Protocol;
import dev.otpnet.listener.ProxyTlv;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The binary header, version 2 (proxy-protocol.txt section 2.2): a 16-byte fixed part (signature,
 * version and command, family and protocol, length), the address block, then TLVs.
 */
public final class ProxyV2 {
    /** The 12-byte signature, then the version nibble 2. */
    public static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    public static final int FIXED = 16;

    private ProxyV2() {
    }

    /** True when {@code in} (at least 12 bytes) starts with the v2 signature. */
    public static boolean signature(Bytes in, int upTo) {
        for (int i = 0; i < Math.min(upTo, SIGNATURE.length); i++) {
            if (in.get(i) != (SIGNATURE[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** The whole header's length from its 16-byte fixed part. */
    public static int length(Bytes fixed) {
        return FIXED + ((fixed.get(14) << 8) | fixed.get(15));
    }

    /** Parses a complete header (exactly {@link #length} bytes). */
    public static ProxyHeader parse(Bytes h) throws InetException {
        int verCmd = h.get(12);
        if (verCmd >> 4 != 2) {
            throw error("The PROXY protocol v2 header's version must be 2, not " + (verCmd >> 4) + ". (PP 2.2)");
        }
        Command command = switch (verCmd & 0x0f) {
            case 0 -> Command.LOCAL;
            case 1 -> Command.PROXY;
            default -> throw error("The PROXY protocol v2 header's command must be LOCAL or PROXY, not "
                    + (verCmd & 0x0f) + ". (PP 2.2)");
        };
        int fam = h.get(13);
        Family family = switch (fam >> 4) {
            case 0 -> Family.UNSPEC;
            case 1 -> Family.INET;
            case 2 -> Family.INET6;
            case 3 -> Family.UNIX;
            default -> throw error("The PROXY protocol v2 header's address family " + (fam >> 4)
                    + " is not defined. (PP 2.2)");
        };
        Protocol protocol = switch (fam & 0x0f) {
            case 0 -> Protocol.UNSPEC;
            case 1 -> Protocol.STREAM;
            case 2 -> Protocol.DGRAM;
            default -> throw error("The PROXY protocol v2 header's transport protocol " + (fam & 0x0f)
                    + " is not defined. (PP 2.2)");
        };
        int end = h.size();
        if (family == Family.UNSPEC || protocol == Protocol.UNSPEC) {
            // "The receiver should ignore address information": the block may hold anything. HAProxy
            // sends TLVs there (a LOCAL check with a unique id, say); keep them when they parse.
            List<ProxyTlv> tlvs;
            try {
                tlvs = tlvs(h, FIXED, end);
            } catch (InetException notTlvs) {
                tlvs = List.of();
            }
            return new ProxyHeader(2, command, Family.UNSPEC, Protocol.UNSPEC, new Addresses.None(), tlvs);
        }
        int addrLen = switch (family) {
            case INET -> 12;
            case INET6 -> 36;
            default -> 216;
        };
        if (end - FIXED < addrLen) {
            throw error("The PROXY protocol v2 header's address block is " + (end - FIXED) + " bytes, shorter than the "
                    + addrLen + " its family needs. (PP 2.2)");
        }
        Addresses addresses = switch (family) {
            case INET -> inet(h, 4);
            case INET6 -> inet(h, 16);
            default -> new Addresses.Unix(unixPath(h.slice(FIXED, FIXED + 108)), unixPath(h.slice(FIXED + 108, FIXED + 216)));
        };
        List<ProxyTlv> tlvs = tlvs(h, FIXED + addrLen, end);
        if (command == Command.LOCAL) {
            // LOCAL: use the real endpoints; the block is discarded, the TLVs kept.
            return new ProxyHeader(2, command, Family.UNSPEC, Protocol.UNSPEC, new Addresses.None(), tlvs);
        }
        return new ProxyHeader(2, command, family, protocol, addresses, tlvs);
    }

    private static Addresses.Inet inet(Bytes h, int size) throws InetException {
        try {
            InetAddress src = InetAddress.getByAddress(h.slice(FIXED, FIXED + size).toArray());
            InetAddress dst = InetAddress.getByAddress(h.slice(FIXED + size, FIXED + 2 * size).toArray());
            int p = FIXED + 2 * size;
            int sport = (h.get(p) << 8) | h.get(p + 1);
            int dport = (h.get(p + 2) << 8) | h.get(p + 3);
            if (size == 16 && (src.getAddress().length != 16 || dst.getAddress().length != 16)) {
                // getByAddress turns IPv4-mapped IPv6 into IPv4; keep the family the header names.
                src = java.net.Inet6Address.getByAddress(null, h.slice(FIXED, FIXED + 16).toArray(), -1);
                dst = java.net.Inet6Address.getByAddress(null, h.slice(FIXED + 16, FIXED + 32).toArray(), -1);
            }
            return new Addresses.Inet(new InetSocketAddress(src, sport), new InetSocketAddress(dst, dport));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("fixed-size address refused", e);
        }
    }

    private static Bytes unixPath(Bytes raw) {
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i) == 0) {
                return raw.slice(0, i);
            }
        }
        return raw;
    }

    /** One TLV as found: its type, where its value starts, the value. */
    private record Raw(int type, int at, Bytes value) {
    }

    private static List<Raw> split(Bytes h, int from, int end) throws InetException {
        List<Raw> out = new ArrayList<>();
        int p = from;
        while (p < end) {
            if (end - p < 3) {
                throw error("The PROXY protocol v2 header ends inside a TLV's type and length. (PP 2.2)");
            }
            int type = h.get(p);
            int len = (h.get(p + 1) << 8) | h.get(p + 2);
            if (p + 3 + len > end) {
                throw error("The PROXY protocol v2 header's TLV of type 0x" + Integer.toHexString(type)
                        + " says " + len + " bytes but only " + (end - p - 3) + " remain. (PP 2.2)");
            }
            out.add(new Raw(type, p + 3, h.slice(p + 3, p + 3 + len)));
            p += 3 + len;
        }
        return out;
    }

    private static List<ProxyTlv> tlvs(Bytes h, int from, int end) throws InetException {
        List<ProxyTlv> out = new ArrayList<>();
        for (Raw r : split(h, from, end)) {
            out.add(tlv(h, r.at(), r.type(), r.value()));
        }
        return out;
    }

    private static ProxyTlv tlv(Bytes h, int at, int type, Bytes v) throws InetException {
        return switch (type) {
            case ProxyTlv.ALPN -> new ProxyTlv.Alpn(v);
            case ProxyTlv.AUTHORITY -> new ProxyTlv.Authority(utf8(v, "AUTHORITY"));
            case ProxyTlv.CRC32C -> crc(h, at, v);
            case ProxyTlv.NOOP -> new ProxyTlv.Noop(v.size());
            case ProxyTlv.UNIQUE_ID -> {
                if (v.size() > 128) {
                    throw error("The PROXY protocol v2 header's UNIQUE_ID TLV is " + v.size()
                            + " bytes, more than 128. (PP 2.2.5)");
                }
                yield new ProxyTlv.UniqueId(v);
            }
            case ProxyTlv.SSL -> ssl(v);
            case ProxyTlv.NETNS -> new ProxyTlv.Netns(ascii(v, "NETNS"));
            default -> new ProxyTlv.Custom(type, v);
        };
    }

    private static ProxyTlv.Crc32c crc(Bytes h, int at, Bytes v) throws InetException {
        if (v.size() != 4) {
            throw error("The PROXY protocol v2 header's CRC32C TLV is " + v.size() + " bytes, not 4. (PP 2.2.3)");
        }
        int got = (v.get(0) << 24) | (v.get(1) << 16) | (v.get(2) << 8) | v.get(3);
        byte[] copy = h.toArray();
        Arrays.fill(copy, at, at + 4, (byte) 0);
        CRC32C crc = new CRC32C();
        crc.update(copy);
        if ((int) crc.getValue() != got) {
            throw error("The PROXY protocol v2 header's CRC32C checksum does not match: it says 0x"
                    + Integer.toHexString(got) + ", the header sums to 0x" + Long.toHexString(crc.getValue())
                    + ". (PP 2.2.3)");
        }
        return new ProxyTlv.Crc32c(got);
    }

    private static ProxyTlv.Ssl ssl(Bytes v) throws InetException {
        if (v.size() < 5) {
            throw error("The PROXY protocol v2 header's SSL TLV is " + v.size()
                    + " bytes, shorter than its 5-byte client and verify fields. (PP 2.2.6)");
        }
        int client = v.get(0);
        long verify = ((long) v.get(1) << 24) | (v.get(2) << 16) | (v.get(3) << 8) | v.get(4);
        List<ProxyTlv.Ssl.Sub> subs = new ArrayList<>();
        for (Raw r : split(v, 5, v.size())) {
            subs.add(new ProxyTlv.Ssl.Sub(r.type(), r.value()));
        }
        return new ProxyTlv.Ssl(client, verify, subs);
    }

    private static String utf8(Bytes v, String what) throws InetException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(v.asByteBuffer()).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw error("The PROXY protocol v2 header's " + what + " TLV is not UTF-8. (PP 2.2)");
        }
    }

    private static String ascii(Bytes v, String what) throws InetException {
        for (int i = 0; i < v.size(); i++) {
            if (v.get(i) > 0x7f) {
                throw error("The PROXY protocol v2 header's " + what + " TLV is not US-ASCII. (PP 2.2.7)");
            }
        }
        return v.latin1();
    }

    /** The v2 header for {@code h}; with {@code checksum} a CRC32C TLV, with {@code padding} > 0 a NOOP TLV. */
    public static Bytes write(ProxyHeader h, boolean checksum, int padding) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int fam = switch (h.family()) {
            case UNSPEC -> 0;
            case INET -> 1;
            case INET6 -> 2;
            case UNIX -> 3;
        } << 4 | switch (h.protocol()) {
            case UNSPEC -> 0;
            case STREAM -> 1;
            case DGRAM -> 2;
        };
        switch (h.addresses()) {
            case Addresses.Inet(var s, var d) -> {
                body.writeBytes(s.getAddress().getAddress());
                body.writeBytes(d.getAddress().getAddress());
                u16(body, s.getPort());
                u16(body, d.getPort());
            }
            case Addresses.Unix(var s, var d) -> {
                body.writeBytes(Arrays.copyOf(s.toArray(), 108));
                body.writeBytes(Arrays.copyOf(d.toArray(), 108));
            }
            case Addresses.None n -> { }
        }
        int crcAt = -1;
        for (ProxyTlv t : h.tlvs()) {
            if (t instanceof ProxyTlv.Crc32c) {
                continue; // computed below when asked for
            }
            byte[] v = value(t);
            body.write(t.type());
            u16(body, v.length);
            body.writeBytes(v);
        }
        if (checksum) {
            body.write(ProxyTlv.CRC32C);
            u16(body, 4);
            crcAt = FIXED + body.size();
            body.writeBytes(new byte[4]);
        }
        if (padding > 0) {
            body.write(ProxyTlv.NOOP);
            u16(body, padding);
            body.writeBytes(new byte[padding]);
        }
        if (body.size() > 65535) {
            throw new IllegalArgumentException("A PROXY v2 header holds at most 65535 bytes after its fixed part, "
                    + "this one would need " + body.size() + ".");
        }
        byte[] out = new byte[FIXED + body.size()];
        System.arraycopy(SIGNATURE, 0, out, 0, 12);
        out[12] = (byte) (0x20 | (h.command() == Command.PROXY ? 1 : 0));
        out[13] = (byte) fam;
        out[14] = (byte) (body.size() >> 8);
        out[15] = (byte) body.size();
        System.arraycopy(body.toByteArray(), 0, out, FIXED, body.size());
        if (crcAt >= 0) {
            CRC32C crc = new CRC32C();
            crc.update(out);
            int c = (int) crc.getValue();
            out[crcAt] = (byte) (c >> 24);
            out[crcAt + 1] = (byte) (c >> 16);
            out[crcAt + 2] = (byte) (c >> 8);
            out[crcAt + 3] = (byte) c;
        }
        return Bytes.wrap(out);
    }

    private static byte[] value(ProxyTlv t) {
        return switch (t) {
            case ProxyTlv.Alpn a -> a.protocol().toArray();
            case ProxyTlv.Authority a -> a.host().getBytes(StandardCharsets.UTF_8);
            case ProxyTlv.Crc32c c -> new byte[4];
            case ProxyTlv.Noop n -> new byte[n.length()];
            case ProxyTlv.UniqueId u -> u.id().toArray();
            case ProxyTlv.Netns n -> n.name().getBytes(StandardCharsets.US_ASCII);
            case ProxyTlv.Custom c -> c.value().toArray();
            case ProxyTlv.Ssl s -> {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.write(s.client());
                b.write((int) (s.verify() >> 24));
                b.write((int) (s.verify() >> 16));
                b.write((int) (s.verify() >> 8));
                b.write((int) s.verify());
                for (ProxyTlv.Ssl.Sub sub : s.subTlvs()) {
                    b.write(sub.type());
                    u16(b, sub.value().size());
                    b.writeBytes(sub.value().toArray());
                }
                yield b.toByteArray();
            }
        };
    }

    private static void u16(ByteArrayOutputStream b, int v) {
        b.write(v >> 8);
        b.write(v);
    }
}
