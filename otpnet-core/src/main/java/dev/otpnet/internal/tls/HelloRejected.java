package dev.otpnet.internal.tls;

import dev.otpnet.ssl.AlertDescription;

/**
 * A hello that cannot be accepted: the alert to answer with and the reason, printed as the Erlang
 * term Erlang's ssl puts after its alert text ({@code {unsupported_record_type,71}}).
 */
final class HelloRejected extends Exception {
    private final AlertDescription alert;
    private final String detail;

    HelloRejected(AlertDescription alert, String detail) {
        super(alert.atom() + ": " + detail, null, false, false);
        this.alert = alert;
        this.detail = detail;
    }

    AlertDescription alert() {
        return alert;
    }

    String detail() {
        return detail;
    }
}
