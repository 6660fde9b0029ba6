package dev.otpnet.ssl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static dev.otpnet.ssl.SslOptions.alpnAdvertisedProtocols;
import static dev.otpnet.ssl.SslOptions.ciphers;
import static dev.otpnet.ssl.SslOptions.depth;
import static dev.otpnet.ssl.SslOptions.password;
import static dev.otpnet.ssl.SslOptions.serverNameIndication;
import static dev.otpnet.ssl.SslOptions.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SslOptionsTest {

    private static String refusal(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void badValuesAreRefusedNamingTheOptionAndTheValue() {
        assertEquals("{depth,-1}: depth must be between 0 and 255", refusal(() -> depth(-1)));
        assertTrue(refusal(() -> serverNameIndication("10.0.0.1")).startsWith("{server_name_indication,\"10.0.0.1\"}"));
        assertTrue(refusal(() -> alpnAdvertisedProtocols()).startsWith("{alpn_advertised_protocols,[]}"));
        assertTrue(refusal(() -> alpnAdvertisedProtocols("")).contains("1 to 255 bytes"));
        assertTrue(refusal(() -> versions("tlsv9")).contains("unknown version \"tlsv9\""));
    }

    @Test
    void sslVersionsAreRefusedSayingWhy() {
        assertTrue(refusal(() -> versions(TlsVersion.SSLV3)).contains("POODLE"));
        assertTrue(refusal(() -> versions("sslv3")).contains("RFC 7568"));
        assertTrue(refusal(() -> versions(TlsVersion.SSLV2)).contains("DROWN"));
    }

    @Test
    void oldTlsVersionsAreRefusedWhenTheJdkDisablesThem() {
        if (Ssl.versions().available().contains(TlsVersion.TLSV1)) {
            assertEquals(List.of(TlsVersion.TLSV1), ((SslOption.Versions) versions("tlsv1")).versions());
        } else {
            assertTrue(refusal(() -> versions("tlsv1")).contains("jdk.tls.disabledAlgorithms"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "RC4-SHA|RC4", "RC4-MD5|RC4", "ECDHE-RSA-RC4-SHA|RC4", "DES-CBC3-SHA|Sweet32", "EDH-RSA-DES-CBC3-SHA|Sweet32",
        "DES-CBC-SHA|56-bit", "EXP-RC4-MD5|export", "EXP-EDH-RSA-DES-CBC-SHA|export", "NULL-SHA|NULL",
        "ADH-AES128-SHA|anonymous", "AECDH-AES128-SHA|anonymous", "TLS_RSA_WITH_RC4_128_MD5|RC4",
        "SSL_RSA_WITH_3DES_EDE_CBC_SHA|Sweet32", "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA|export",
        "{rsa,rc4_128,md5}|RC4", "{rsa,des_cbc,sha}|56-bit", "{dhe_rsa,'3des_ede_cbc',sha}|Sweet32",
        "#{key_exchange => dh_anon, cipher => aes_128_cbc, mac => sha}|anonymous", "TLS_RSA_WITH_NULL_SHA256|NULL"})
    void brokenCipherSuitesAreUnderstoodInEveryFormAndRefusedSayingWhy(String name, String why) {
        String message = refusal(() -> ciphers(name));
        assertTrue(message.contains("refused") && message.contains(why), message);
    }

    @Test
    void oneSuiteReadsTheSameInAllSpellings() {
        CipherSuite expected = CipherSuite.of("ecdhe_rsa", "aes_128_gcm", "aead", "sha256");
        for (String spelling : List.of("{ecdhe_rsa,aes_128_gcm,aead,sha256}", "ECDHE-RSA-AES128-GCM-SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "tls_ecdhe_rsa_with_aes_128_gcm_sha256",
                "#{key_exchange => ecdhe_rsa, cipher => aes_128_gcm, mac => aead, prf => sha256}")) {
            assertEquals(expected, CipherSuite.parse(spelling), spelling);
        }
        assertEquals("ECDHE-RSA-AES128-GCM-SHA256", expected.opensslName());
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", expected.ianaName());
        assertEquals("{ecdhe_rsa,aes_128_gcm,aead,sha256}", expected.erlangTuple());
        assertEquals("#{cipher => aes_128_gcm,key_exchange => ecdhe_rsa,mac => aead,prf => sha256}", expected.toString());
        assertEquals("#{cipher => '3des_ede_cbc',key_exchange => rsa,mac => sha,prf => default_prf}",
                CipherSuite.of("rsa", "3des_ede_cbc", "sha").toString());
    }

    @Test
    void aColonSeparatedOpensslListGivesTheSuitesInOrder() {
        SslOption.Ciphers c = (SslOption.Ciphers) ciphers("ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:TLS_AES_128_GCM_SHA256");
        assertEquals(List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
                "TLS_AES_128_GCM_SHA256"), c.suites().stream().map(CipherSuite::ianaName).toList());
    }

    @Test
    void anUnknownSuiteNameIsRefusedWithTheFormsThatWork() {
        String m = refusal(() -> ciphers("FANCY-CIPHER"));
        assertTrue(m.contains("unknown cipher suite \"FANCY-CIPHER\"") && m.contains("OpenSSL name"), m);
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLSV1_2", "TLSV1_3"})
    void everySuiteTheJdkOffersRoundTripsThroughItsNames(TlsVersion v) {
        List<CipherSuite> all = Ssl.cipherSuites(Ssl.SuiteSet.ALL, v);
        assertFalse(all.isEmpty());
        for (CipherSuite s : all) {
            assertEquals(s, CipherSuite.parse(s.ianaName()), s.ianaName());
            assertEquals(s, CipherSuite.parse(s.opensslName()), s.opensslName());
            assertEquals(s, CipherSuite.parse(s.erlangTuple()), s.erlangTuple());
        }
    }

    @Test
    void theDefaultSuitesAreForwardSecretAeadOnly() {
        List<CipherSuite> tls12 = Ssl.cipherSuites(Ssl.SuiteSet.DEFAULT, TlsVersion.TLSV1_2);
        assertFalse(tls12.isEmpty());
        for (CipherSuite s : tls12) {
            assertEquals("aead", s.mac(), s.toString());
            assertTrue(s.keyExchange().startsWith("ecdhe") || s.keyExchange().startsWith("dhe"), s.toString());
        }
        assertEquals(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"),
                Ssl.cipherSuites(Ssl.SuiteSet.DEFAULT, TlsVersion.TLSV1_3).stream().map(CipherSuite::ianaName).toList());
        assertTrue(Ssl.cipherSuites(Ssl.SuiteSet.ALL, TlsVersion.TLSV1_2).containsAll(tls12));
    }

    @Test
    void optionsPrintAsErlangTermsAndNeverShowThePassword() {
        assertEquals("{password,\"********\"}", password("hunter2").toString());
        assertEquals("{verify,verify_peer}", SslOptions.verify(VerifyType.VERIFY_PEER).toString());
        assertEquals("{server_name_indication,disable}", SslOptions.serverNameIndicationDisable().toString());
        assertEquals("{versions,['tlsv1.3', 'tlsv1.2']}", versions("tlsv1.3", "tlsv1.2").toString());
        assertEquals("{handshake,hello}", SslOptions.handshake(HandshakeMode.HELLO).toString());
    }
}
