package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.internal.wire.Wire;
import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.ClientHello;
import dev.otpnet.ssl.TlsVersion;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads a client's first flight up to the end of its ClientHello, before any {@code SSLEngine}
 * exists, so a server can choose its engine by SNI, answer TLS_FALLBACK_SCSV, or pause after the
 * hello. Every byte read stays in the buffer for the engine.
 *
 * <p>A ClientHello announcing more than the limit is refused from its header, without reading or
 * allocating the rest. Confined to the thread running the server handshake.
 */
final class HelloReader {
    /** Erlang's default {@code max_handshake_size}. */
    static final int MAX_HANDSHAKE = 256 * 1024;

    private HelloReader() {
    }

    /**
     * Reads from {@code lower} into {@code netIn} (write mode; grown when needed) until a whole
     * ClientHello arrived.
     *
     * @return the hello and the buffer holding every byte read (in write mode)
     * @throws HelloRejected  when the bytes are not a ClientHello we accept
     * @throws InetException  {@code closed} when the peer closes first
     */
    static Result read(Wire lower, ByteBuffer netIn) throws IOException, HelloRejected {
        ClientHello[] found = new ClientHello[1];
        HandshakeScanner scanner = new HandshakeScanner(true, MAX_HANDSHAKE, new HandshakeScanner.Sink() {
            @Override
            public void message(int type, ByteBuffer body) throws HelloRejected {
                if (type != TlsRecords.CLIENT_HELLO) {
                    throw new HelloRejected(AlertDescription.UNEXPECTED_MESSAGE, "{unexpected_handshake_message," + type + "}");
                }
                found[0] = HelloParser.clientHello(body);
            }

            @Override
            public void alert(int level, int description) {
                // an alert before the hello is answered by the next record check or the close
            }
        });
        ByteBuffer buffer = netIn;
        while (found[0] == null) {
            if (!buffer.hasRemaining()) {
                buffer = grow(buffer);
            }
            int start = buffer.position();
            int n = lower.read(buffer);
            if (n < 0) {
                throw new InetException(InetError.CLOSED, "the peer closed the connection before its ClientHello", null);
            }
            scanner.feed(buffer.duplicate().flip().position(start));
            if (scanner.stopped() && found[0] == null) {
                throw new HelloRejected(AlertDescription.UNEXPECTED_MESSAGE, "no_client_hello");
            }
        }
        return new Result(found[0], buffer);
    }

    /**
     * Answers TLS_FALLBACK_SCSV (RFC 7507): a client retrying with a version below our highest
     * gets inappropriate_fallback, since a man in the middle may have made its first try fail;
     * one retrying with a version we do not serve at all gets protocol_version (RFC 7507 allows
     * either; the JDK and tlsfuzzer expect this one, and it names the real obstacle).
     */
    static void refuseFallback(ClientHello hello, ServerEngines server) throws HelloRejected {
        if (!hello.fallbackScsv()) {
            return;
        }
        int offered = hello.highestVersion().map(TlsVersion::code).orElse(0);
        if (offered < server.lowestVersion().code()) {
            throw new HelloRejected(AlertDescription.PROTOCOL_VERSION, null);
        }
        if (offered < server.highestVersion().code()) {
            throw new HelloRejected(AlertDescription.INAPPROPRIATE_FALLBACK, null);
        }
    }

    private static ByteBuffer grow(ByteBuffer full) {
        ByteBuffer bigger = ByteBuffer.allocate(full.capacity() * 2);
        return bigger.put(full.flip());
    }

    record Result(ClientHello hello, ByteBuffer netIn) {
    }
}
