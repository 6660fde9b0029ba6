package dev.otpnet.testing;

import dev.otpnet.ssl.CertificateSpec;
import dev.otpnet.ssl.Certificates;
import dev.otpnet.ssl.Credential;

import java.security.cert.X509Certificate;
import java.util.List;

/** Certificates every TLS test shares, generated once per JVM. */
public final class TestPki {
    public static final Credential CA = Certificates.authority(CertificateSpec.authority("otpnet test CA"));
    public static final Credential OTHER_CA = Certificates.authority(CertificateSpec.authority("otpnet other CA"));
    public static final Credential SERVER = Certificates.issue(CA,
            CertificateSpec.leaf("localhost").withSubjectAltNames("DNS:localhost", "IP:127.0.0.1"));
    public static final Credential CLIENT = Certificates.issue(CA, CertificateSpec.leaf("client.test").withUsages(false, true));

    private TestPki() {
    }

    public static List<X509Certificate> anchors() {
        return anchorsOf(CA);
    }

    /** {@code ca}'s certificate as the only trust anchor. */
    public static List<X509Certificate> anchorsOf(Credential ca) {
        return List.of(ca.certificate());
    }
}
