package dev.otpnet.ssl;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Checks on names used by options: SNI host names and ALPN protocol ids. */
final class HostNames {
    private HostNames() {
    }

    /** Whether {@code s} is a DNS name (letters, digits, hyphens, dots; not an IP literal). */
    static boolean isDnsName(String s) {
        if (s.isEmpty() || s.length() > 253 || s.contains(":") || s.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_')) {
                    return false;
                }
            }
        }
        return true;
    }

    static List<String> alpn(String option, List<String> protocols) {
        List<String> copy = List.copyOf(protocols);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("{" + option + ",[]}: give at least one protocol");
        }
        for (String p : copy) {
            int n = p.getBytes(StandardCharsets.UTF_8).length;
            if (n == 0 || n > 255) {
                throw new IllegalArgumentException("{" + option + ",...}: protocol \"" + p
                        + "\" must be 1 to 255 bytes long");
            }
        }
        return copy;
    }
}
