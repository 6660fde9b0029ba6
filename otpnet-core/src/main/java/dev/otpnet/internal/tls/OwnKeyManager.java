package dev.otpnet.internal.tls;

import dev.otpnet.ssl.Credential;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Presents the one credential of a configuration whenever its key type fits, as Erlang does:
 * unlike the JDK's key managers it does not withhold a client certificate because the server's
 * list of acceptable CAs does not name its issuer (the server decides). Immutable.
 */
final class OwnKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "otpnet";
    private final Credential credential;

    OwnKeyManager(Credential credential) {
        this.credential = credential;
    }

    private String fits(String keyType) {
        String alg = credential.key().getAlgorithm();
        boolean ok = keyType.equals(alg) || keyType.equals("EC") && alg.equals("ECDSA")
                || keyType.equals("RSASSA-PSS") && alg.equals("RSA") || keyType.startsWith(alg + "_");
        return ok ? ALIAS : null;
    }

    private String any(String[] keyTypes) {
        for (String t : keyTypes) {
            if (fits(t) != null) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return any(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return fits(keyType);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return fits(keyType) == null ? null : new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return any(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? credential.chain().toArray(X509Certificate[]::new) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? credential.key() : null;
    }
}
