package dev.otpnet.ssl;

import java.security.cert.X509Certificate;

/**
 * Erlang's {@code verify_fun}: called during path validation for every certificate of the peer's
 * chain, from the one next to the trust anchor down to the peer's own, with what was found
 * ({@link VerifyEvent}) and the state the previous call returned. Called on the thread running
 * the handshake, one call at a time per connection.
 *
 * <pre>{@code
 * // accept an unknown CA, as verify_none's default does, but nothing else
 * VerifyFun<Void> fun = (cert, event, state) -> switch (event) {
 *     case VerifyEvent.BadCertEvent(BadCert r) when r == BadCert.UNKNOWN_CA -> VerifyResult.valid(state);
 *     case VerifyEvent.BadCertEvent bad -> VerifyResult.fail(bad);
 *     case VerifyEvent.Extension ext -> VerifyResult.unknown(state);
 *     default -> VerifyResult.valid(state);
 * };
 * }</pre>
 */
@FunctionalInterface
public interface VerifyFun<S> {
    VerifyResult<S> verify(X509Certificate certificate, VerifyEvent event, S state);

    /** Erlang's default for {@code verify_peer}: any bad_cert fails, unknown extensions are unknown. */
    static <S> VerifyFun<S> verifyPeerDefault() {
        return (cert, event, state) -> switch (event) {
            case VerifyEvent.BadCertEvent bad -> VerifyResult.fail(bad);
            case VerifyEvent.Extension ext -> VerifyResult.unknown(state);
            default -> VerifyResult.valid(state);
        };
    }

    /**
     * Erlang's default for {@code verify_none} (OTP 25): every bad_cert is accepted, a critical
     * extension too, other extensions are unknown.
     */
    static <S> VerifyFun<S> verifyNoneDefault() {
        return (cert, event, state) -> switch (event) {
            case VerifyEvent.BadCertEvent bad -> VerifyResult.valid(state);
            case VerifyEvent.Extension ext when ext.critical() -> VerifyResult.valid(state);
            case VerifyEvent.Extension ext -> VerifyResult.unknown(state);
            default -> VerifyResult.valid(state);
        };
    }
}
