package dev.otpnet.internal.tls;

import dev.otpnet.ssl.Credential;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Plain JDK SSLContexts (JDK key and trust managers), to test TlsWire apart from otpnet's own
 * option handling and verification.
 */
final class JdkContexts {
    private JdkContexts() {
    }

    static SSLContext context(Credential own, List<X509Certificate> anchors) {
        try {
            char[] pw = "pw".toCharArray();
            KeyManagerFactory kmf = null;
            if (own != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("own", own.key(), pw, own.chain().toArray(X509Certificate[]::new));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, pw);
            }
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                ts.setCertificateEntry("ca" + i, anchors.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return c;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static SSLEngine client(SSLContext c, String version, String host, int port) {
        SSLEngine e = c.createSSLEngine(host, port);
        e.setUseClientMode(true);
        e.setEnabledProtocols(new String[] {version});
        SSLParameters p = e.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(List.of(new javax.net.ssl.SNIHostName(host)));
        e.setSSLParameters(p);
        return e;
    }

    static SSLEngine server(SSLContext c, String... versions) {
        SSLEngine e = c.createSSLEngine();
        e.setUseClientMode(false);
        e.setEnabledProtocols(versions);
        return e;
    }

    /** Server engines that hand out one engine shape for every hello. */
    static ServerEngines serverEngines(SSLContext c, boolean pause, boolean clientRenegotiation, String... versions) {
        return new ServerEngines() {
            @Override
            public TlsEngine engineFor(dev.otpnet.ssl.ClientHello hello) {
                return new TlsEngine(server(c, versions), null, clientRenegotiation, null);
            }

            @Override
            public dev.otpnet.ssl.TlsVersion highestVersion() {
                return List.of(versions).contains("TLSv1.3") ? dev.otpnet.ssl.TlsVersion.TLSV1_3 : dev.otpnet.ssl.TlsVersion.TLSV1_2;
            }

            @Override
            public dev.otpnet.ssl.TlsVersion lowestVersion() {
                return List.of(versions).contains("TLSv1.2") ? dev.otpnet.ssl.TlsVersion.TLSV1_2 : dev.otpnet.ssl.TlsVersion.TLSV1_3;
            }

            @Override
            public boolean pauseAfterHello() {
                return pause;
            }
        };
    }
}
