package dev.otpnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.ssl.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the zero set-up keeps its CA, and that a leaf about to expire is re-issued by the same CA. */
class LocalCaTest {
    @TempDir
    Path home;

    @Test
    void theDirectoryIsXdgDataHomeThenLocalShareThenDotOtpnet() throws Exception {
        assertEquals(Path.of("/data/otpnet"), LocalCa.dir(Map.of("XDG_DATA_HOME", "/data", "HOME", home.toString())));
        assertEquals(home.resolve(".otpnet"), LocalCa.dir(Map.of("XDG_DATA_HOME", "relative", "HOME", home.toString())));
        assertEquals(home.resolve(".otpnet"), LocalCa.dir(Map.of("HOME", home.toString())));
        Files.createDirectories(home.resolve(".local/share"));
        assertEquals(home.resolve(".local/share/otpnet"), LocalCa.dir(Map.of("HOME", home.toString())));
    }

    @Test
    void aCertificateAboutToExpireIsReissuedByTheSameCa() throws Exception {
        Path dir = home.resolve("ca");
        CertFiles.write(dir, CertFiles.generate(LocalCa.HOSTS, 3, KeyType.EC_P256, "test CA"), null);
        X509Certificate ca = TlsFiles.certificates(dir.resolve(CertFiles.CA), "CA file").getFirst();
        X509Certificate old = TlsFiles.certificates(dir.resolve(CertFiles.CERT), "certificate file").getFirst();

        LocalCa.Loaded loaded = LocalCa.loadOrCreate(dir);

        assertFalse(loaded.created());
        assertEquals(ca, loaded.ca());
        X509Certificate renewed = loaded.leaf().certificate();
        assertNotEquals(old.getSerialNumber(), renewed.getSerialNumber());
        assertTrue(renewed.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(300))));
        renewed.verify(ca.getPublicKey());
        assertEquals(List.of(renewed), TlsFiles.certificates(dir.resolve(CertFiles.CERT), "certificate file"));
        assertEquals(loaded.leaf().key(), TlsFiles.key(dir.resolve(CertFiles.KEY), null));
    }

    @Test
    void aFreshDirectoryGetsACaOnceAndThenReusesIt() {
        Path dir = home.resolve("fresh");
        LocalCa.Loaded first = LocalCa.loadOrCreate(dir);
        LocalCa.Loaded second = LocalCa.loadOrCreate(dir);
        assertTrue(first.created());
        assertFalse(second.created());
        assertEquals(first.ca(), second.ca());
        assertEquals(first.leaf().certificate(), second.leaf().certificate());
    }
}
