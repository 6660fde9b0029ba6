package dev.otpnet.ssl;

import java.util.Locale;

/**
 * The {@code ssl} module's own error atoms, with the texts of Erlang's {@code ssl:format_error/1}
 * for them (from the ssl application that documented these atoms; today's Erlang prints
 * "Unexpected error: ..." for most, which tells a user nothing).
 *
 * <p>otpnet gives the file and key atoms when loading credentials fails ({@link #ECERTFILE},
 * {@link #EKEYFILE}, {@link #ECACERTFILE}, {@link #EKEYMISMATCH}, with the file named in the
 * exception message), {@link #ENOSERVERCERT} for a server without a certificate, and
 * {@link #RENEGOTIATION_REJECTED} when the peer refuses a renegotiation. Certificate problems of
 * the peer are TLS alerts ({@link TlsAlert}) as in today's Erlang; the old peer-certificate atoms
 * remain for {@link Ssl#formatError} and for programs ported from the old API.
 */
public enum SslError implements SslReason {
    EBADSOCKET("Connection not found (internal error)."),
    EBADSTATE("Connection not in connect state (internal error)."),
    EBROKERTYPE("Wrong broker type (internal error)."),
    ECACERTFILE("Own CA certificate file is invalid."),
    ECERTFILE("Own certificate file is invalid."),
    ECHAINTOOLONG("The chain of certificates provided by peer is too long."),
    ECIPHER("Own list of specified ciphers is invalid."),
    EKEYFILE("Own private key file is invalid."),
    EKEYMISMATCH("Own private key does not match own certificate."),
    ENOISSUERCERT("Cannot find certificate of issuer of certificate provided by peer."),
    ENOSERVERCERT("Attempt to do accept without having set own certificate."),
    ENOTLISTENER("Attempt to accept on a non-listening socket."),
    ENOPROXYSOCKET("No proxy socket found (internal error or max number of file descriptors exceeded)."),
    ENOOPTIONS("List of options is empty."),
    ENOTSTARTED("The SSL application has not been started."),
    EOPTIONS("Invalid list of options."),
    EPEERCERT("Certificate provided by peer is in error."),
    EPEERCERTEXPIRED("Certificate provided by peer has expired."),
    EPEERCERTINVALID("Certificate provided by peer is invalid."),
    ESELFSIGNEDCERT("Certificate provided by peer is self signed."),
    ESSLACCEPT("Server SSL handshake procedure between client and server failed."),
    ESSLCONNECT("Client SSL handshake procedure between client and server failed."),
    ESSLERRSSL("SSL protocol failure. Typically because of a fatal alert from peer."),
    EWANTCONNECT("Protocol wants to connect, which is not supported in this version of the SSL application."),
    EX509LOOKUP("Protocol wants X.509 lookup, which is not supported in this version of the SSL application."),
    /** The operation does not exist in the negotiated version (renegotiation in TLS 1.3, key update before it). */
    NOTSUP("The operation is not supported by the negotiated TLS version."),
    /** The peer refused a renegotiation. */
    RENEGOTIATION_REJECTED("The peer rejected the renegotiation.");

    private final String text;

    SslError(String text) {
        this.text = text;
    }

    @Override
    public String atom() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return atom();
    }
}
