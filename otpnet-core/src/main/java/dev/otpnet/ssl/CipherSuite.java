package dev.otpnet.ssl;

import dev.otpnet.internal.tls.CipherNames;

import java.util.Locale;
import java.util.Objects;

/**
 * A cipher suite in Erlang's terms: {@code #{key_exchange => ecdhe_rsa, cipher => aes_128_gcm,
 * mac => aead, prf => sha256}}, the four-tuple {@code {ecdhe_rsa, aes_128_gcm, aead, sha256}}.
 * TLS 1.3 suites have key exchange {@code any}.
 *
 * <p>{@link #parse(String)} reads every spelling a user may have: the Erlang tuple or map
 * ({@code "{ecdhe_rsa,aes_128_gcm,aead,sha256}"}), the OpenSSL name
 * ({@code "ECDHE-RSA-AES128-GCM-SHA256"}) and the IANA name
 * ({@code "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}, or JSSE's older {@code SSL_} spelling).
 * Whether a suite may be used is decided by the {@code ciphers} option, which refuses broken
 * ones with the reason why.
 *
 * @param keyExchange e.g. {@code ecdhe_rsa}, {@code rsa}, {@code any}
 * @param cipher      e.g. {@code aes_128_gcm}, {@code chacha20_poly1305}, {@code 3des_ede_cbc}
 * @param mac         {@code aead}, {@code sha}, {@code sha256}, {@code sha384}, {@code md5}
 * @param prf         {@code sha256}, {@code sha384} or {@code default_prf}
 */
public record CipherSuite(String keyExchange, String cipher, String mac, String prf) {
    public CipherSuite {
        keyExchange = atom("key_exchange", keyExchange);
        cipher = atom("cipher", cipher);
        mac = atom("mac", mac);
        prf = atom("prf", prf);
    }

    /** The four-tuple form. */
    public static CipherSuite of(String keyExchange, String cipher, String mac, String prf) {
        return new CipherSuite(keyExchange, cipher, mac, prf);
    }

    /**
     * The old three-tuple form {@code {rsa, aes_128_cbc, sha}}: the PRF follows from the MAC
     * ({@code sha256}/{@code sha384} MACs come with that PRF, older ones with the default PRF).
     */
    public static CipherSuite of(String keyExchange, String cipher, String mac) {
        String m = atom("mac", mac);
        return new CipherSuite(keyExchange, cipher, m, m.equals("sha256") || m.equals("sha384") ? m : "default_prf");
    }

    /**
     * A suite from any of its spellings (Erlang tuple or map, OpenSSL, IANA).
     *
     * @throws IllegalArgumentException when the name is none of these
     */
    public static CipherSuite parse(String name) {
        return CipherNames.parse(name);
    }

    /** The IANA name, as JSSE enables it: {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}. */
    public String ianaName() {
        return CipherNames.iana(this);
    }

    /** The OpenSSL name: {@code ECDHE-RSA-AES128-GCM-SHA256}. */
    public String opensslName() {
        return CipherNames.openssl(this);
    }

    /** The Erlang tuple: {@code {ecdhe_rsa,aes_128_gcm,aead,sha256}}. */
    public String erlangTuple() {
        return "{" + ErlangTerms.atom(keyExchange) + "," + ErlangTerms.atom(cipher) + "," + ErlangTerms.atom(mac) + ","
                + ErlangTerms.atom(prf) + "}";
    }

    /** The Erlang map, keys in Erlang's print order. */
    @Override
    public String toString() {
        return "#{cipher => " + ErlangTerms.atom(cipher) + ",key_exchange => " + ErlangTerms.atom(keyExchange)
                + ",mac => " + ErlangTerms.atom(mac) + ",prf => " + ErlangTerms.atom(prf) + "}";
    }

    private static String atom(String field, String value) {
        Objects.requireNonNull(value, field);
        String v = value.trim();
        if (v.length() > 1 && v.startsWith("'") && v.endsWith("'")) {
            v = v.substring(1, v.length() - 1);
        }
        v = v.toLowerCase(Locale.ROOT);
        if (v.isEmpty() || !v.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
            throw new IllegalArgumentException("cipher suite " + field + " must be an atom such as aes_128_gcm, not \"" + value + "\"");
        }
        return v;
    }
}
