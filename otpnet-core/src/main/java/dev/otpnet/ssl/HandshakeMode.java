package dev.otpnet.ssl;

/** Erlang's {@code {handshake, hello | full}}. */
public enum HandshakeMode {
    /** A server's handshake pauses after the ClientHello so the caller can choose options. */
    HELLO,
    /** The handshake runs to its end. */
    FULL
}
