package dev.otpnet.internal.tls;

import dev.otpnet.ssl.CipherSuite;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Translates between the spellings of a cipher suite: Erlang's components, IANA names (what
 * JSSE enables) and OpenSSL names. IANA and Erlang map one to one by rule; OpenSSL names are
 * derived by OpenSSL's own rules (key exchange prefix, short cipher name, MAC suffix) and read
 * back through {@link CipherCatalog}, which knows every suite by every name.
 */
public final class CipherNames {
    private static final Set<String> AEAD_PREFIXES = Set.of("aes_128_gcm", "aes_256_gcm", "chacha20_poly1305",
            "aes_128_ccm", "aes_256_ccm", "aes_128_ccm_8", "aes_256_ccm_8", "aria_128_gcm", "aria_256_gcm",
            "camellia_128_gcm", "camellia_256_gcm");
    private static final Map<String, String> OPENSSL_KX = Map.ofEntries(
            Map.entry("rsa", ""), Map.entry("ecdhe_rsa", "ECDHE-RSA-"), Map.entry("ecdhe_ecdsa", "ECDHE-ECDSA-"),
            Map.entry("dhe_rsa", "DHE-RSA-"), Map.entry("dhe_dss", "DHE-DSS-"), Map.entry("ecdh_rsa", "ECDH-RSA-"),
            Map.entry("ecdh_ecdsa", "ECDH-ECDSA-"), Map.entry("dh_anon", "ADH-"), Map.entry("ecdh_anon", "AECDH-"),
            Map.entry("psk", "PSK-"), Map.entry("dhe_psk", "DHE-PSK-"), Map.entry("ecdhe_psk", "ECDHE-PSK-"),
            Map.entry("rsa_psk", "RSA-PSK-"), Map.entry("srp_sha", "SRP-"), Map.entry("srp_sha_rsa", "SRP-RSA-"),
            Map.entry("rsa_export", "EXP-"), Map.entry("dhe_rsa_export", "EXP-EDH-RSA-"),
            Map.entry("dhe_dss_export", "EXP-EDH-DSS-"), Map.entry("dh_anon_export", "EXP-ADH-"),
            Map.entry("krb5", "KRB5-"));
    private static final Map<String, String> OPENSSL_CIPHER = Map.ofEntries(
            Map.entry("aes_128_gcm", "AES128-GCM"), Map.entry("aes_256_gcm", "AES256-GCM"),
            Map.entry("aes_128_cbc", "AES128"), Map.entry("aes_256_cbc", "AES256"),
            Map.entry("chacha20_poly1305", "CHACHA20-POLY1305"), Map.entry("aes_128_ccm", "AES128-CCM"),
            Map.entry("aes_256_ccm", "AES256-CCM"), Map.entry("aes_128_ccm_8", "AES128-CCM8"),
            Map.entry("aes_256_ccm_8", "AES256-CCM8"), Map.entry("3des_ede_cbc", "DES-CBC3"),
            Map.entry("des_cbc", "DES-CBC"), Map.entry("des40_cbc", "DES-CBC"), Map.entry("rc4_128", "RC4"),
            Map.entry("rc4_40", "RC4"), Map.entry("rc2_cbc_40", "RC2-CBC"), Map.entry("null", "NULL"),
            Map.entry("camellia_128_cbc", "CAMELLIA128"), Map.entry("camellia_256_cbc", "CAMELLIA256"),
            Map.entry("aria_128_gcm", "ARIA128-GCM"), Map.entry("aria_256_gcm", "ARIA256-GCM"),
            Map.entry("seed_cbc", "SEED"), Map.entry("idea_cbc", "IDEA"));

    private CipherNames() {
    }

    /**
     * The suite an IANA (or JSSE {@code SSL_}) name names.
     *
     * @return {@code null} when the name is not of the IANA shape
     */
    static CipherSuite fromIana(String name) {
        String n = name.trim();
        if (n.startsWith("SSL_")) {
            n = "TLS_" + n.substring(4);
        }
        if (!n.startsWith("TLS_") || n.equals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV") || n.equals("TLS_FALLBACK_SCSV")) {
            return null;
        }
        int with = n.indexOf("_WITH_");
        if (with < 0) {
            int last = n.lastIndexOf('_');
            if (last <= 4) {
                return null;
            }
            String cipher = lower(n.substring(4, last));
            return CipherSuite.of("any", cipher, "aead", lower(n.substring(last + 1)));
        }
        String kx = lower(n.substring(4, with));
        String rest = lower(n.substring(with + 6));
        for (String aead : AEAD_PREFIXES) {
            if (rest.equals(aead) && aead.contains("ccm")) {
                return CipherSuite.of(kx, aead, "aead", "sha256");
            }
            if (rest.startsWith(aead + "_")) {
                return CipherSuite.of(kx, aead, "aead", rest.substring(aead.length() + 1));
            }
        }
        int last = rest.lastIndexOf('_');
        if (last <= 0) {
            return null;
        }
        return CipherSuite.of(kx, rest.substring(0, last), rest.substring(last + 1));
    }

    public static String iana(CipherSuite s) {
        if (s.keyExchange().equals("any")) {
            return "TLS_" + upper(s.cipher()) + "_" + upper(s.prf());
        }
        String kx = upper(s.keyExchange()).replace("_ANON", "_anon");
        String tail;
        if (s.mac().equals("aead")) {
            tail = s.cipher().contains("ccm") ? "" : "_" + upper(s.prf());
        } else {
            tail = "_" + upper(s.mac());
        }
        return "TLS_" + kx + "_WITH_" + upper(s.cipher()) + tail;
    }

    public static String openssl(CipherSuite s) {
        if (s.keyExchange().equals("any")) {
            return iana(s);
        }
        String kx = OPENSSL_KX.getOrDefault(s.keyExchange(), upper(s.keyExchange()).replace('_', '-') + "-");
        String cipher = OPENSSL_CIPHER.getOrDefault(s.cipher(), upper(s.cipher()).replace('_', '-'));
        if (s.cipher().contains("des") && (kx.equals("DHE-RSA-") || kx.equals("DHE-DSS-"))) {
            kx = "EDH-" + kx.substring(4);
        }
        String mac;
        if (s.mac().equals("aead")) {
            mac = s.cipher().contains("gcm") ? "-" + upper(s.prf()) : "";
        } else {
            mac = "-" + upper(s.mac());
        }
        return kx + cipher + mac;
    }

    /** Any spelling of a suite; see {@link CipherSuite#parse(String)}. */
    public static CipherSuite parse(String name) {
        String n = name.trim();
        if (n.startsWith("{") || n.startsWith("#{")) {
            return ErlangCipherTerm.parse(n);
        }
        CipherSuite s = CipherCatalog.byName(n);
        if (s != null) {
            return s;
        }
        s = fromIana(n);
        if (s != null) {
            return s;
        }
        throw new IllegalArgumentException("unknown cipher suite \"" + name
                + "\": give an Erlang tuple ({ecdhe_rsa,aes_128_gcm,aead,sha256}), an OpenSSL name"
                + " (ECDHE-RSA-AES128-GCM-SHA256) or an IANA name (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
