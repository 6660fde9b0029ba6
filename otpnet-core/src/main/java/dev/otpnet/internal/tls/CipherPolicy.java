package dev.otpnet.internal.tls;

import dev.otpnet.ssl.CipherSuite;

import java.util.Locale;
import java.util.Optional;

/**
 * Which cipher suites otpnet refuses, and why. The reference documents list RC4, DES, 3DES and
 * export suites; they are understood and refused with a sentence naming the weakness, never
 * dropped silently.
 */
public final class CipherPolicy {
    private CipherPolicy() {
    }

    /** Why {@code s} is refused, or empty when it may be used. */
    public static Optional<String> refusal(CipherSuite s) {
        String kx = s.keyExchange();
        String c = s.cipher();
        if (kx.contains("export") || c.equals("rc4_40") || c.equals("des40_cbc") || c.equals("rc2_cbc_40")) {
            return Optional.of("export-grade cryptography was weakened on purpose and is broken (FREAK, Logjam)");
        }
        if (kx.endsWith("_anon") || kx.equals("anon")) {
            return Optional.of("anonymous key exchange authenticates nobody, so anyone in the middle can read the traffic");
        }
        if (c.equals("null")) {
            return Optional.of("the NULL cipher does not encrypt at all");
        }
        if (c.startsWith("rc4")) {
            return Optional.of("RC4 is broken and RFC 7465 forbids it in TLS");
        }
        if (c.equals("3des_ede_cbc")) {
            return Optional.of("3DES has a 64-bit block and falls to Sweet32 (CVE-2016-2183)");
        }
        if (c.startsWith("des")) {
            return Optional.of("single DES has a 56-bit key that can be searched in hours");
        }
        if (c.startsWith("rc2") || c.startsWith("idea")) {
            return Optional.of(c + " is obsolete and not offered by any current TLS library");
        }
        if (s.mac().equals("md5")) {
            return Optional.of("MD5 is broken as a hash");
        }
        return Optional.empty();
    }

    /**
     * Why an OpenSSL-style name that is not in the catalog is refused, judging by its tokens
     * ({@code EXP-}, {@code RC4}, {@code DES}, {@code NULL}, {@code ADH}...), or empty when the
     * name says nothing known.
     */
    public static Optional<String> refusalByName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.startsWith("EXP") || n.contains("EXPORT")) {
            return Optional.of("export-grade cryptography was weakened on purpose and is broken (FREAK, Logjam)");
        }
        if (n.startsWith("ADH") || n.startsWith("AECDH") || n.contains("ANULL") || n.contains("_ANON_")) {
            return Optional.of("anonymous key exchange authenticates nobody, so anyone in the middle can read the traffic");
        }
        if (n.contains("NULL")) {
            return Optional.of("the NULL cipher does not encrypt at all");
        }
        if (n.contains("RC4")) {
            return Optional.of("RC4 is broken and RFC 7465 forbids it in TLS");
        }
        if (n.contains("DES-CBC3") || n.contains("3DES")) {
            return Optional.of("3DES has a 64-bit block and falls to Sweet32 (CVE-2016-2183)");
        }
        if (n.contains("DES")) {
            return Optional.of("single DES has a 56-bit key that can be searched in hours");
        }
        return Optional.empty();
    }
}
