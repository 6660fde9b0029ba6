package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.ClientHello;
import dev.otpnet.ssl.TlsVersion;

/**
 * How a server-side {@link TlsWire} gets its engine once it has read the client's hello: the
 * seam where SNI picks a certificate and where a paused handshake continues with other options.
 */
public interface ServerEngines {

    /** An engine for a connection that sent {@code hello}; may refuse with a TLS alert reason. */
    TlsEngine engineFor(ClientHello hello) throws InetException;

    /** The highest version this server negotiates, to answer TLS_FALLBACK_SCSV. */
    TlsVersion highestVersion();

    /** The lowest version this server negotiates: a fallback below it gets protocol_version. */
    TlsVersion lowestVersion();

    /** Whether the handshake pauses after the hello ({@code {handshake, hello}}). */
    boolean pauseAfterHello();
}
