package dev.otpnet.internal.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a certificate is for a host (RFC 6125 as updated by RFC 9525): a DNS name must match a
 * dNSName entry of subjectAltName, with a wildcard only as the whole leftmost label and never
 * covering a bare registrable suffix; an IP address must match an iPAddress entry. The subject's
 * CN is not consulted: certificates without subjectAltName fail, as in browsers and OpenSSL's
 * default checks today.
 */
final class HostnameCheck {
    private static final int DNS = 2;
    private static final int IP = 7;

    private HostnameCheck() {
    }

    static boolean matches(X509Certificate cert, String host) {
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (sans == null) {
            return false;
        }
        InetAddress ip = literal(host);
        for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            String value = String.valueOf(san.get(1));
            if (ip != null && type == IP && ip.equals(literal(value))) {
                return true;
            }
            if (ip == null && type == DNS && dnsMatches(value, host)) {
                return true;
            }
        }
        return false;
    }

    static boolean dnsMatches(String pattern, String host) {
        String p = normalize(pattern);
        String h = normalize(host);
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        String suffix = p.substring(1);
        if (suffix.indexOf('.', 1) < 0 || suffix.contains("*")) {
            return false;
        }
        return h.endsWith(suffix) && h.length() > suffix.length() && h.lastIndexOf('.', h.length() - suffix.length() - 1) < 0;
    }

    private static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** The address if {@code s} is an IPv4 or IPv6 literal (never a DNS lookup), else null. */
    static InetAddress literal(String s) {
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        boolean v4 = !t.isEmpty() && t.chars().allMatch(c -> Character.isDigit(c) || c == '.') && t.chars().filter(c -> c == '.').count() == 3;
        boolean v6 = t.contains(":") && t.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
