package dev.otpnet.internal.tls;

import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.AlertLevel;
import dev.otpnet.ssl.ClientHello;

import java.nio.ByteBuffer;

/**
 * Watches the plaintext part of an initial handshake from the outside, so that what otpnet
 * reports does not depend on one engine's internals: whether the session was resumed (a TLS 1.3
 * ServerHello carrying pre_shared_key, or a TLS 1.2 ServerHello echoing the client's session id),
 * the SNI the client sent, and alerts that travel in the clear.
 *
 * <p>Fed by {@link EngineIo} with every byte read and written until the handshake completes.
 * Methods are called under the engine's inbound or outbound lock, so the two directions are fed
 * by at most one thread each; the results are read after the handshake.
 */
final class HandshakeObserver {
    private final boolean client;
    private final HandshakeScanner inbound;
    private final HandshakeScanner outbound;
    private volatile ClientHello clientHello;
    private volatile HelloParser.ServerHelloInfo serverHello;
    private volatile boolean tls13;
    private volatile int alertReceived = -1;
    private volatile int alertReceivedLevel;
    private volatile int alertSent = -1;
    private volatile int handshakeMessagesIn;

    HandshakeObserver(boolean client, ClientHello knownHello) {
        this.client = client;
        this.clientHello = knownHello;
        this.inbound = new HandshakeScanner(false, HelloReader.MAX_HANDSHAKE, sink(true));
        this.outbound = new HandshakeScanner(false, HelloReader.MAX_HANDSHAKE, sink(false));
    }

    private HandshakeScanner.Sink sink(boolean in) {
        return new HandshakeScanner.Sink() {
            @Override
            public void message(int type, ByteBuffer body) {
                if (in) {
                    handshakeMessagesIn++;
                }
                boolean fromClient = in != client;
                try {
                    if (fromClient && type == TlsRecords.CLIENT_HELLO && clientHello == null) {
                        clientHello = HelloParser.clientHello(body);
                    } else if (!fromClient && type == TlsRecords.SERVER_HELLO) {
                        HelloParser.ServerHelloInfo info = HelloParser.serverHello(body);
                        if (!info.helloRetry()) {
                            serverHello = info;
                            tls13 = info.version() >= 0x0304;
                            (in ? inbound : outbound).stopCollecting();
                        }
                    }
                } catch (HelloRejected e) {
                    (in ? inbound : outbound).stopCollecting();
                }
            }

            @Override
            public void alert(int level, int description) {
                if (in) {
                    alertReceivedLevel = level;
                    alertReceived = description;
                } else {
                    alertSent = description;
                }
            }
        };
    }

    void inbound(ByteBuffer chunk) {
        feed(inbound, chunk);
    }

    void outbound(ByteBuffer chunk) {
        feed(outbound, chunk);
    }

    private static void feed(HandshakeScanner scanner, ByteBuffer chunk) {
        if (!scanner.stopped()) {
            try {
                scanner.feed(chunk);
            } catch (HelloRejected e) {
                throw new AssertionError("a lenient scanner does not reject", e);
            }
        }
    }

    /**
     * The handshake completed: the hellos go (a connection lives long), what failures are
     * classified by stays. {@link #clientHello} and {@link #resumed} are to be read before.
     */
    void finish() {
        clientHello = null;
        serverHello = null;
    }

    /** The client's hello, once seen. */
    ClientHello clientHello() {
        return clientHello;
    }

    /** Whether the server agreed to resume a session, as its ServerHello shows. */
    boolean resumed() {
        HelloParser.ServerHelloInfo sh = serverHello;
        ClientHello ch = clientHello;
        if (sh == null) {
            return false;
        }
        if (sh.version() >= 0x0304) {
            return sh.pskAccepted();
        }
        return ch != null && !sh.sessionId().isEmpty() && sh.sessionId().equals(ch.sessionId());
    }

    /** Whether the ServerHello chose TLS 1.3. */
    boolean negotiatedTls13() {
        return tls13;
    }

    /** Whether any handshake bytes came from the peer (Erlang's states after {@code hello}). */
    boolean peerSpoke() {
        return handshakeMessagesIn > 0 || alertReceived >= 0;
    }

    /** The alert the peer sent in the clear, if one was seen. */
    AlertDescription alertReceived() {
        return alertReceived < 0 ? null : AlertDescription.fromCode(alertReceived);
    }

    AlertLevel alertReceivedLevel() {
        return AlertLevel.fromCode(alertReceivedLevel);
    }

    /** The alert our engine sent in the clear, if one was seen. */
    AlertDescription alertSent() {
        return alertSent < 0 ? null : AlertDescription.fromCode(alertSent);
    }
}
