package dev.otpnet.cli;

import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.packetSize;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.packet.PacketType;
import dev.otpnet.tcp.TcpSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the PROXY protocol header (HAProxy's proxy-protocol.txt, v1 text and v2 binary) a proxy
 * sends before the client's bytes, so the echo server logs the real client. Only what the log
 * needs: the client's address and port; v2 TLVs are read past, not parsed. It reads exactly the
 * header (fixed-size reads, and a {@code {packet, line}} read whose extra bytes the socket keeps
 * for the TLS handshake or the echo), within a deadline.
 *
 * <p>A stand-in: when {@code dev.otpnet.listener} (issue 9) lands, its PROXY support replaces
 * this class (see {@link EchoService}).
 */
final class ProxyHeader {
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** The longest v1 line, CRLF included (the spec's 107). */
    private static final int V1_MAX = 107;

    /** The header says nothing usable: not PROXY, a bad version, a truncated address block. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private ProxyHeader() {
    }

    /**
     * Reads the header from a passive, raw socket. Returns the client's address, or {@code null}
     * for {@code UNKNOWN} (v1), {@code LOCAL} (v2) or a non-IP family: then the connection's own
     * peer is the client.
     */
    static InetSocketAddress read(TcpSocket s, long timeoutMs) throws InetException, Malformed {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        byte[] start = recv(s, 8, deadline);
        if (new String(start, StandardCharsets.US_ASCII).startsWith("PROXY ")) {
            s.setopts(List.of(packet(PacketType.LINE), packetSize(V1_MAX)));
            Bytes rest;
            try {
                rest = (Bytes) s.recv(0, left(deadline));
            } finally {
                s.setopts(List.of(packet(0), packetSize(0)));
            }
            return v1(new String(start, StandardCharsets.US_ASCII) + rest.latin1());
        }
        if (!Arrays.equals(start, 0, 8, V2_SIGNATURE, 0, 8)) {
            throw new Malformed("the connection did not start with a PROXY header");
        }
        byte[] more = recv(s, 8, deadline);
        if (!Arrays.equals(more, 0, 4, V2_SIGNATURE, 8, 12)) {
            throw new Malformed("bad PROXY v2 signature");
        }
        int verCmd = more[4] & 0xFF;
        int family = more[5] & 0xFF;
        int length = ((more[6] & 0xFF) << 8) | (more[7] & 0xFF);
        if (verCmd >> 4 != 2 || (verCmd & 0x0F) > 1) {
            throw new Malformed("PROXY v2 header with version/command byte 0x" + Integer.toHexString(verCmd));
        }
        byte[] body = length == 0 ? new byte[0] : recv(s, length, deadline);
        if ((verCmd & 0x0F) == 0) {
            return null; // LOCAL: a health check from the proxy itself
        }
        return switch (family >> 4) {
            case 1 -> address(body, 4, length);
            case 2 -> address(body, 16, length);
            default -> null; // UNSPEC or AF_UNIX: no IP client to report
        };
    }

    private static InetSocketAddress address(byte[] body, int size, int length) throws Malformed {
        if (length < 2 * size + 4) {
            throw new Malformed("PROXY v2 address block of " + length + " bytes is too short");
        }
        try {
            InetAddress a = InetAddress.getByAddress(Arrays.copyOfRange(body, 0, size));
            int port = ((body[2 * size] & 0xFF) << 8) | (body[2 * size + 1] & 0xFF);
            return new InetSocketAddress(a, port);
        } catch (UnknownHostException e) {
            throw new Malformed("bad PROXY v2 address");
        }
    }

    /** {@code PROXY TCP4|TCP6 SRC DST SPORT DPORT\r\n} or {@code PROXY UNKNOWN ...\r\n}. */
    static InetSocketAddress v1(String line) throws Malformed {
        if (!line.endsWith("\r\n")) {
            throw new Malformed("PROXY v1 line does not end with CRLF");
        }
        String[] f = line.substring(0, line.length() - 2).split(" ");
        if (f.length >= 2 && f[1].equals("UNKNOWN")) {
            return null;
        }
        if (f.length != 6 || !(f[1].equals("TCP4") || f[1].equals("TCP6"))) {
            throw new Malformed("bad PROXY v1 line: " + line.strip());
        }
        try {
            InetAddress a = InetAddress.ofLiteral(f[2]);
            if ((a instanceof Inet4Address) != f[1].equals("TCP4")) {
                throw new Malformed("PROXY v1 address " + f[2] + " is not " + f[1]);
            }
            int port = Integer.parseInt(f[4]);
            if (port < 0 || port > 65535) {
                throw new Malformed("PROXY v1 port " + f[4] + " is out of range");
            }
            return new InetSocketAddress(a, port);
        } catch (IllegalArgumentException e) {
            throw new Malformed("bad PROXY v1 line: " + line.strip());
        }
    }

    private static byte[] recv(TcpSocket s, int n, long deadline) throws InetException {
        return ((Bytes) s.recv(n, left(deadline))).toArray();
    }

    private static long left(long deadline) {
        return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
    }
}
