package dev.otpnet.ssl;

import java.util.Locale;
import java.util.Objects;

/**
 * A TLS alert that ended a connection: Erlang's {@code {tls_alert, {Description, Text}}}.
 *
 * <p>The text has the shape Erlang/OTP's ssl application gives, so logs read the same on both
 * sides: {@code "TLS client: In state certify at PeerVerifier generated CLIENT ALERT: Fatal -
 * Unknown CA\n"} for an alert we sent, {@code "TLS server: In state hello received CLIENT ALERT:
 * Fatal - Unknown CA\n"} for one the peer sent. A detail (the {@code bad_cert} reason, the
 * malformed field) follows the newline after a space, as in Erlang. {@link #toString()} prints the
 * Erlang term: {@code {tls_alert,{unknown_ca,"TLS client: ..."}}}.
 *
 * @param level       warning or fatal
 * @param description the alert, e.g. {@link AlertDescription#UNKNOWN_CA}
 * @param text        the human text ({@code ssl:format_error/1} returns it as is)
 */
public record TlsAlert(AlertLevel level, AlertDescription description, String text) implements SslReason {

    /** Which end of the connection we are, for the alert text. */
    public enum Side {
        CLIENT, SERVER;

        String lower() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TlsAlert {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(text, "text");
    }

    /**
     * An alert we sent.
     *
     * @param state  the handshake state, as Erlang names them ({@code hello}, {@code certify},
     *               {@code connection}...)
     * @param where  the component that decided ({@code "PeerVerifier"})
     * @param detail the reason behind it printed as an Erlang term, or {@code null}
     */
    public static TlsAlert generated(Side side, String state, String where, AlertLevel level,
                                     AlertDescription description, String detail) {
        String role = side.name();
        String text = "TLS " + side.lower() + ": In state " + state + " at " + where + " generated " + role
                + " ALERT: " + level.text() + " - " + words(description) + "\n"
                + (detail == null ? "" : " " + detail);
        return new TlsAlert(level, description, text);
    }

    /** An alert the peer sent us. */
    public static TlsAlert received(Side side, String state, AlertLevel level, AlertDescription description) {
        String peer = side == Side.CLIENT ? "SERVER" : "CLIENT";
        String text = "TLS " + side.lower() + ": In state " + state + " received " + peer + " ALERT: "
                + level.text() + " - " + words(description) + "\n";
        return new TlsAlert(level, description, text);
    }

    private static String words(AlertDescription d) {
        return d.text();
    }

    /** Always {@code tls_alert}, the tag of the tuple. */
    @Override
    public String atom() {
        return "tls_alert";
    }

    @Override
    public String toString() {
        return "{tls_alert,{" + description.atom() + "," + ErlangTerms.string(text) + "}}";
    }
}
