package dev.otpnet.internal.tls;

import dev.otpnet.testing.TestPki;

import dev.otpnet.ssl.CertificateSpec;
import dev.otpnet.ssl.Certificates;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.Pem;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The PEM files interop peers read, written once per test class into a temporary directory. */
final class InteropFiles {
    static final Credential EXPIRED = Certificates.issue(TestPki.CA, CertificateSpec.leaf("localhost")
            .withValidity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))));
    static final Credential CN_ONLY = Certificates.issue(TestPki.CA, CertificateSpec.leaf("localhost").withoutSubjectAltNames());
    static final Credential B = Certificates.issue(TestPki.CA, CertificateSpec.leaf("b.test"));
    static final Credential UNTRUSTED = Certificates.issue(TestPki.OTHER_CA, CertificateSpec.leaf("localhost")
            .withSubjectAltNames("DNS:localhost", "IP:127.0.0.1"));

    private InteropFiles() {
    }

    /** Copies a script from the test resources into {@code dir}. */
    static Path script(Path dir, String name) throws IOException {
        try (var in = InteropFiles.class.getResourceAsStream("/interop/" + name)) {
            if (in == null) {
                throw new IOException("test resource /interop/" + name + " is missing");
            }
            Path p = dir.resolve(name);
            java.nio.file.Files.write(p, in.readAllBytes());
            return p;
        }
    }

    static void write(Path dir) throws IOException {
        Pem.writeCertificates(List.of(TestPki.CA.certificate()), dir.resolve("ca.pem"));
        Pem.writeCertificates(List.of(TestPki.OTHER_CA.certificate()), dir.resolve("other-ca.pem"));
        Pem.write(TestPki.SERVER, dir.resolve("server.pem"), dir.resolve("server.key"));
        Pem.write(TestPki.CLIENT, dir.resolve("client.pem"), dir.resolve("client.key"));
        Pem.write(EXPIRED, dir.resolve("expired.pem"), dir.resolve("expired.key"));
        Pem.write(CN_ONLY, dir.resolve("cn-only.pem"), dir.resolve("cn-only.key"));
        Pem.write(B, dir.resolve("b.pem"), dir.resolve("b.key"));
        Pem.write(UNTRUSTED, dir.resolve("untrusted.pem"), dir.resolve("untrusted.key"));
    }
}
