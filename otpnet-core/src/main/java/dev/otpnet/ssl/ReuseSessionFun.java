package dev.otpnet.ssl;

/**
 * Erlang's server {@code reuse_session} fun:
 * {@code fun(SuggestedSessionId, PeerCert, Compression, CipherSuite) -> boolean()}.
 */
@FunctionalInterface
public interface ReuseSessionFun {
    boolean reuse(byte[] suggestedSessionId, byte[] peerCertDer, int compression, CipherSuite cipherSuite);
}
