package dev.otpnet.internal.tls;

import dev.otpnet.ssl.AlertDescription;
import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.internal.tcnative.CertificateVerifier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * {@link PeerVerifier} as BoringSSL's trust manager. The verification is ours (path validation,
 * verify fun, depth, host name, algorithm floor); what this adds is the verdict in a form
 * BoringSSL turns into the right alert: a refusal becomes an {@link OpenSslCertificateException}
 * whose X.509 error code BoringSSL maps to the alert our verification chose (unknown_ca,
 * certificate_expired, bad_certificate, handshake_failure...). Without it netty reports an
 * unspecified error, which BoringSSL answers with internal_error. Thread-safe.
 */
final class NativeTrust extends X509ExtendedTrustManager {
    private final PeerVerifier verifier;

    NativeTrust(PeerVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            verifier.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw withCode(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            verifier.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw withCode(e);
        }
    }

    private static CertificateException withCode(CertificateException e) {
        AlertDescription alert = e.getCause() instanceof CertPathValidatorException c && c.getMessage() != null
                ? AlertDescription.fromName(c.getMessage()) : null;
        int code = alert == null ? CertificateVerifier.X509_V_ERR_CERT_REJECTED : switch (alert) {
            case UNKNOWN_CA -> CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
            case CERTIFICATE_EXPIRED -> CertificateVerifier.X509_V_ERR_CERT_HAS_EXPIRED;
            case CERTIFICATE_REVOKED -> CertificateVerifier.X509_V_ERR_CERT_REVOKED;
            case BAD_CERTIFICATE -> CertificateVerifier.X509_V_ERR_CERT_SIGNATURE_FAILURE;
            case HANDSHAKE_FAILURE -> CertificateVerifier.X509_V_ERR_APPLICATION_VERIFICATION;
            case UNSUPPORTED_CERTIFICATE -> CertificateVerifier.X509_V_ERR_INVALID_PURPOSE;
            default -> CertificateVerifier.X509_V_ERR_CERT_REJECTED;
        };
        return new OpenSslCertificateException(e.getMessage(), e, code);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return verifier.getAcceptedIssuers();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        verifier.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        verifier.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        verifier.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        verifier.checkServerTrusted(chain, authType);
    }
}
