package dev.otpnet.internal.tls;

import dev.otpnet.ssl.CertificateSpec;
import dev.otpnet.ssl.Certificates;
import dev.otpnet.ssl.Credential;

import java.security.cert.X509Certificate;
import java.util.List;

/** Certificates every TLS test shares, generated once per JVM. */
final class TestPki {
    static final Credential CA = Certificates.authority(CertificateSpec.authority("otpnet test CA"));
    static final Credential OTHER_CA = Certificates.authority(CertificateSpec.authority("otpnet other CA"));
    static final Credential SERVER = Certificates.issue(CA,
            CertificateSpec.leaf("localhost").withSubjectAltNames("DNS:localhost", "IP:127.0.0.1"));
    static final Credential CLIENT = Certificates.issue(CA, CertificateSpec.leaf("client.test").withUsages(false, true));

    private TestPki() {
    }

    static List<X509Certificate> anchors() {
        return List.of(CA.certificate());
    }
}
