package dev.otpnet.internal.tls;

import dev.otpnet.ssl.AlertDescription;

/**
 * What the peer verification of one connection decided, kept so that a handshake failure can be
 * reported with the verification's own reason rather than the engine's rewording of it. Written
 * by the thread running the handshake, read after it fails.
 */
final class VerifyOutcome {
    /** A certificate refused: the alert it calls for and the reason as an Erlang term. */
    record Rejection(AlertDescription alert, String reason, boolean withDetail) {
    }

    private volatile Rejection rejection;

    void reject(Rejection r) {
        if (rejection == null) {
            rejection = r;
        }
    }

    Rejection rejection() {
        return rejection;
    }
}
