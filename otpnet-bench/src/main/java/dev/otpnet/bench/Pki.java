package dev.otpnet.bench;

import dev.otpnet.ssl.CertificateSpec;
import dev.otpnet.ssl.Certificates;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.KeyFormat;
import dev.otpnet.ssl.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The one certificate every server uses: an ECDSA P-256 leaf for 127.0.0.1 signed by a throw-away CA,
 * written as PEM (the key as unencrypted PKCS#8, which Netty, Erlang and otpnet all read), and the
 * client's {@link SSLContext} trusting that CA.
 */
record Pki(Path cert, Path key, Credential authority) {

    static Pki create(Path dir) throws IOException {
        Credential ca = Certificates.authority(CertificateSpec.authority("otpnet bench CA"));
        Credential leaf = Certificates.issue(ca, CertificateSpec.leaf("127.0.0.1")
                .withSubjectAltNames("IP:127.0.0.1", "DNS:localhost"));
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Pem.writeCertificates(List.of(leaf.certificate()), cert);
        Pem.writeKey(leaf.key(), key, KeyFormat.PKCS8, null);
        return new Pki(cert, key, ca);
    }

    SSLContext clientContext() throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", authority.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
