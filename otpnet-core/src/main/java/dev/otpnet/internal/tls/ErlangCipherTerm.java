package dev.otpnet.internal.tls;

import dev.otpnet.ssl.CipherSuite;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads a cipher suite written as an Erlang term: the tuple {@code {ecdhe_rsa,aes_128_gcm,aead,sha256}},
 * the old triple {@code {rsa,rc4_128,md5}}, or the map
 * {@code #{key_exchange => ecdhe_rsa, cipher => aes_128_gcm, mac => aead, prf => sha256}}.
 */
final class ErlangCipherTerm {
    private ErlangCipherTerm() {
    }

    static CipherSuite parse(String term) {
        String t = term.trim();
        if (t.startsWith("#{") && t.endsWith("}")) {
            Map<String, String> fields = new HashMap<>();
            for (String pair : t.substring(2, t.length() - 1).split(",")) {
                String[] kv = pair.split("=>");
                if (kv.length != 2) {
                    throw bad(term);
                }
                fields.put(kv[0].trim(), kv[1].trim());
            }
            if (!fields.keySet().containsAll(java.util.List.of("key_exchange", "cipher", "mac"))) {
                throw bad(term);
            }
            String mac = fields.get("mac");
            return fields.containsKey("prf")
                    ? CipherSuite.of(fields.get("key_exchange"), fields.get("cipher"), mac, fields.get("prf"))
                    : CipherSuite.of(fields.get("key_exchange"), fields.get("cipher"), mac);
        }
        if (t.startsWith("{") && t.endsWith("}")) {
            String[] parts = t.substring(1, t.length() - 1).split(",");
            return switch (parts.length) {
                case 3 -> CipherSuite.of(parts[0], parts[1], parts[2]);
                case 4 -> CipherSuite.of(parts[0], parts[1], parts[2], parts[3]);
                default -> throw bad(term);
            };
        }
        throw bad(term);
    }

    private static IllegalArgumentException bad(String term) {
        return new IllegalArgumentException("cipher suite term \"" + term
                + "\" is neither {KeyExchange,Cipher,Mac,Prf}, {KeyExchange,Cipher,Mac} nor"
                + " #{key_exchange => _, cipher => _, mac => _, prf => _}");
    }
}
