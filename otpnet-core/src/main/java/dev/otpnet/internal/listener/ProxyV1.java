package dev.otpnet.internal.listener;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.Inet;
import dev.otpnet.inet.InetException;
import dev.otpnet.listener.ProxyHeader;
import dev.otpnet.listener.ProxyHeader.Addresses;
import dev.otpnet.listener.ProxyHeaderError;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The human-readable header, version 1 (proxy-protocol.txt section 2.1):
 * {@code PROXY TCP4 192.0.2.1 198.51.100.7 56324 443\r\n}, at most 107 bytes with the CRLF.
 */
public final class ProxyV1 {
    /** The longest v1 line, CRLF included (PP 2.1). */
    public static final int MAX_LENGTH = 107;

    private ProxyV1() {
    }

    /**
     * The header at the start of {@code in}, which starts with {@code "PROXY "}: its length, or -1
     * when the CRLF has not come yet (and could still come within 107 bytes).
     */
    public static int lineLength(Bytes in) throws InetException {
        int limit = Math.min(in.size(), MAX_LENGTH);
        for (int i = 0; i + 1 < limit; i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n') {
                return i + 2;
            }
        }
        if (in.size() >= MAX_LENGTH) {
            throw error("The PROXY protocol v1 header has no CRLF within 107 bytes. (PP 2.1)");
        }
        return -1;
    }

    /** Parses the complete line {@code line} (CRLF included). */
    public static ProxyHeader parse(Bytes line) throws InetException {
        String text = line.slice(0, line.size() - 2).latin1();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw error("The PROXY protocol v1 header contains a byte that is not printable US-ASCII. (PP 2.1)");
            }
        }
        if (text.startsWith("PROXY UNKNOWN")) {
            if (text.length() > 13 && text.charAt(13) != ' ') {
                throw error("The PROXY protocol v1 header's protocol must be TCP4, TCP6 or UNKNOWN. (PP 2.1)");
            }
            return ProxyHeader.unknown();
        }
        String[] f = text.split(" ", -1);
        if (f.length != 6 || !f[0].equals("PROXY")) {
            throw error("The PROXY protocol v1 header must be 'PROXY' and five fields separated by single spaces. (PP 2.1)");
        }
        boolean v4 = switch (f[1]) {
            case "TCP4" -> true;
            case "TCP6" -> false;
            default -> throw error("The PROXY protocol v1 header's protocol must be TCP4, TCP6 or UNKNOWN. (PP 2.1)");
        };
        InetAddress src = address(f[2], v4, "source");
        InetAddress dst = address(f[3], v4, "destination");
        int sport = port(f[4], "source");
        int dport = port(f[5], "destination");
        return ProxyHeader.proxy(1, new InetSocketAddress(src, sport), new InetSocketAddress(dst, dport));
    }

    private static InetAddress address(String s, boolean v4, String which) throws InetException {
        try {
            if (v4) {
                // Four decimal numbers, as inet_pton takes them; ofLiteral would also take shortened forms.
                if (!s.matches("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}")) {
                    throw new IllegalArgumentException(s);
                }
                return Inet4Address.ofLiteral(s);
            }
            if (s.indexOf(':') < 0 || s.contains("%") || s.startsWith("[")) {
                throw new IllegalArgumentException(s);
            }
            return Inet6Address.ofLiteral(s);
        } catch (IllegalArgumentException e) {
            throw error("The PROXY protocol v1 header's " + which + " address is not a valid "
                    + (v4 ? "IPv4" : "IPv6") + " address. (PP 2.1)");
        }
    }

    private static int port(String s, String which) throws InetException {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')
                || (s.length() > 1 && s.charAt(0) == '0')) {
            throw error("The PROXY protocol v1 header's " + which + " port is not a decimal number. (PP 2.1)");
        }
        int p = Integer.parseInt(s);
        if (p > 65535) {
            throw error("The PROXY protocol v1 header's " + which + " port is above 65535. (PP 2.1)");
        }
        return p;
    }

    /** The v1 line for {@code h}. */
    public static Bytes write(ProxyHeader h) {
        String line = switch (h.addresses()) {
            case Addresses.Inet(var s, var d) -> "PROXY " + (s.getAddress() instanceof Inet4Address ? "TCP4 " : "TCP6 ")
                    + Inet.ntoa(s.getAddress()) + " " + Inet.ntoa(d.getAddress()) + " " + s.getPort() + " "
                    + d.getPort() + "\r\n";
            default -> "PROXY UNKNOWN\r\n";
        };
        return Bytes.wrap(line.getBytes(StandardCharsets.US_ASCII));
    }

    static InetException error(String why) {
        return new InetException(new ProxyHeaderError(why));
    }
}
