package dev.otpnet.ssl;

import java.util.Objects;

/**
 * A {@link VerifyFun}'s answer: {@code {valid, State}} continues, {@code {fail, Reason}} ends the
 * handshake with an alert, {@code {unknown, State}} says an extension is not understood (fatal
 * only when it is critical).
 */
public sealed interface VerifyResult<S> {
    record Valid<S>(S state) implements VerifyResult<S> {
    }

    /**
     * @param reason what to report; a {@link VerifyEvent.BadCertEvent} picks the alert Erlang
     *               picks for it, anything else gives handshake_failure with the reason printed
     */
    record Fail<S>(Object reason) implements VerifyResult<S> {
        public Fail {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Unknown<S>(S state) implements VerifyResult<S> {
    }

    static <S> VerifyResult<S> valid(S state) {
        return new Valid<>(state);
    }

    static <S> VerifyResult<S> fail(Object reason) {
        return new Fail<>(reason);
    }

    static <S> VerifyResult<S> unknown(S state) {
        return new Unknown<>(state);
    }
}
