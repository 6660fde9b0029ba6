package dev.otpnet.internal.tls;

import dev.otpnet.testing.TestPki;

import dev.otpnet.ssl.CertificateSpec;
import dev.otpnet.ssl.Certificates;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificatesTest {

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "RSA_2048"})
    void aLeafIssuedByACaVerifiesAgainstItAndCarriesItsNames(KeyType type) throws Exception {
        Credential ca = Certificates.authority(CertificateSpec.authority("ca " + type).withKeyType(type));
        Credential leaf = Certificates.issue(ca, CertificateSpec.leaf("svc.test").withKeyType(type)
                .withSubjectAltNames("DNS:svc.test", "DNS:*.svc.test", "IP:127.0.0.1"));
        X509Certificate cert = leaf.certificate();
        cert.verify(ca.certificate().getPublicKey());
        cert.checkValidity();
        assertEquals(type.algorithm(), leaf.key().getAlgorithm());
        assertEquals(-1, cert.getBasicConstraints());
        assertTrue(ca.certificate().getBasicConstraints() >= 0);
        List<String> names = cert.getSubjectAlternativeNames().stream().map(l -> l.get(1).toString()).toList();
        assertEquals(List.of("svc.test", "*.svc.test", "127.0.0.1"), names);
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage());
        PemReader.checkPair(leaf.key(), cert, "generated");
        assertEquals(1, leaf.chain().size());
    }

    @Test
    void aLeafUnderAnIntermediateCarriesTheIntermediateInItsChain() throws Exception {
        Credential intermediate = Certificates.issue(TestPki.CA, CertificateSpec.authority("intermediate").withPathLength(0));
        Credential leaf = Certificates.issue(intermediate, CertificateSpec.leaf("deep.test"));
        assertEquals(List.of(leaf.certificate(), intermediate.certificate()), leaf.chain());
        leaf.certificate().verify(intermediate.certificate().getPublicKey());
        assertEquals(0, intermediate.certificate().getBasicConstraints());
    }

    @Test
    void anExpiredCertificateCanBeMadeForTests() {
        Instant now = Instant.now();
        Credential old = Certificates.issue(TestPki.CA, CertificateSpec.leaf("old.test")
                .withValidity(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1))));
        assertThrows(CertificateExpiredException.class, () -> old.certificate().checkValidity());
    }

    @Test
    void aCnOnlyCertificateHasNoAlternativeNames() throws Exception {
        Credential cnOnly = Certificates.issue(TestPki.CA, CertificateSpec.leaf("legacy.test").withoutSubjectAltNames());
        assertNull(cnOnly.certificate().getSubjectAlternativeNames());
        assertTrue(cnOnly.certificate().getSubjectX500Principal().getName().contains("CN=legacy.test"));
    }

    @Test
    void aSelfSignedLeafIsItsOwnIssuer() throws Exception {
        Credential self = Certificates.selfSigned(CertificateSpec.leaf("127.0.0.1"));
        X509Certificate c = self.certificate();
        c.verify(c.getPublicKey());
        assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
        assertEquals("127.0.0.1", c.getSubjectAlternativeNames().iterator().next().get(1));
    }

    @Test
    void badSpecsAreRefusedWithTheReason() {
        Instant now = Instant.now();
        assertThrows(IllegalArgumentException.class, () -> CertificateSpec.leaf("x").withValidity(now, now));
        assertThrows(IllegalArgumentException.class, () -> CertificateSpec.leaf("x").withSubjectAltNames("URI:x"));
        assertThrows(IllegalArgumentException.class, () -> Certificates.issue(TestPki.SERVER, CertificateSpec.leaf("y")));
        assertThrows(IllegalArgumentException.class, () -> Certificates.authority(CertificateSpec.leaf("z")));
    }
}
