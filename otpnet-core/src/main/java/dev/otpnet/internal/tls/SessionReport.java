package dev.otpnet.internal.tls;

import dev.otpnet.inet.Bytes;
import dev.otpnet.ssl.ConnectionInfo;
import dev.otpnet.ssl.TlsVersion;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads what an engine negotiated into a {@link ConnectionInfo}. Stateless. */
final class SessionReport {
    private SessionReport() {
    }

    /**
     * @param sni     the SNI name (sent as a client, received as a server), or null
     * @param resumed whether the handshake resumed a session, as the observed ServerHello showed
     */
    static ConnectionInfo of(SSLEngine engine, String sni, boolean resumed) {
        SSLSession s = engine.getSession();
        TlsVersion version = TlsVersion.parse(s.getProtocol())
                .orElseThrow(() -> new IllegalStateException("the engine reports an unknown protocol " + s.getProtocol()));
        String alpn = engine.getApplicationProtocol();
        return new ConnectionInfo(version, CipherCatalog.fromJsse(s.getCipherSuite()), sni, resumed,
                alpn == null || alpn.isEmpty() ? null : alpn, Bytes.of(s.getId()), peerCertificates(s));
    }

    private static List<X509Certificate> peerCertificates(SSLSession s) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : s.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return out;
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }
}
