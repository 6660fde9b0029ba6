package dev.otpnet.listener;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.internal.listener.ProxyReader;
import dev.otpnet.internal.listener.ProxyV1;
import dev.otpnet.internal.listener.ProxyV2;

/**
 * The PROXY protocol (HAProxy's {@code proxy-protocol.txt}, versions 1 and 2), both sides: Ranch's
 * {@code ranch_proxy_header:parse/1} and {@code header/1,2}, and {@code ranch:recv_proxy_header/2}.
 *
 * <p>A proxy that relays a client's connection to us writes one header first, before any byte of
 * the client's own protocol (even before a TLS ClientHello): who the client is, which address it
 * reached on the proxy, and in v2 what else the proxy knows (ALPN, SNI, its TLS session, a unique
 * id). A {@link Listener} started with the {@code proxyHeader} setting reads it for every
 * connection and hands it to the handler; these functions are for everything else:
 *
 * <pre>{@code
 * // otpnet in front of another PROXY-aware server (HAProxy's "accept-proxy", nginx's "proxy_protocol"):
 * TcpSocket upstream = GenTcp.connect("10.0.0.7", 8443, List.of(binary(), active(false)));
 * ProxyHeaders.send(upstream, ProxyHeader.proxy(2, client.peername(), client.sockname()));
 * }</pre>
 *
 * <p>A header is never guessed at: a listener expects one only when told to, as the spec requires
 * ("a receiver must never try to guess whether the header is present"). A bad one is refused with
 * {@code {proxy_header, Why}} ({@link ProxyHeaderError}), a sentence citing the spec.
 */
public final class ProxyHeaders {
    /** The largest v2 header the listener reads unless told otherwise: far above any real proxy's. */
    public static final int DEFAULT_MAX_SIZE = 4096;

    private ProxyHeaders() {
    }

    /** How to write a v2 header: with a CRC32C checksum TLV, with a NOOP TLV of {@code padding} bytes. */
    public record WriteOptions(boolean crc32c, int padding) {
        public static final WriteOptions NONE = new WriteOptions(false, 0);
        public static final WriteOptions CRC32C = new WriteOptions(true, 0);

        public WriteOptions {
            if (padding < 0 || padding > 65535) {
                throw new IllegalArgumentException("NOOP padding is 0 to 65535 bytes, not " + padding + ".");
            }
        }
    }

    /** A header found at the start of some bytes, and the bytes after it. */
    public record Parsed(ProxyHeader header, Bytes rest) {
    }

    /** {@code ranch_proxy_header:header/1}: the header's bytes, v1 text or v2 binary. */
    public static Bytes header(ProxyHeader header) {
        return header(header, WriteOptions.NONE);
    }

    /**
     * {@code ranch_proxy_header:header/2}: the header's bytes; for v2 with the CRC32C TLV computed over
     * the whole header and a NOOP TLV of padding when asked.
     */
    public static Bytes header(ProxyHeader header, WriteOptions options) {
        if (header.version() == 1) {
            if (options.crc32c() || options.padding() > 0) {
                throw new IllegalArgumentException("A v1 PROXY header has no TLVs, so no checksum or padding.");
            }
            return ProxyV1.write(header);
        }
        return ProxyV2.write(header, options.crc32c(), options.padding());
    }

    /** Writes the header on a connected socket, before anything else is sent on it. */
    public static void send(InetSocket socket, ProxyHeader header) throws InetException {
        send(socket, header, WriteOptions.NONE);
    }

    public static void send(InetSocket socket, ProxyHeader header, WriteOptions options) throws InetException {
        socket.send(header(header, options));
    }

    /**
     * {@code ranch_proxy_header:parse/1}: the header at the start of {@code data} and what follows it.
     * Data that ends inside the header is refused as truncated: a receiver must not act on part of one.
     *
     * @throws InetException {@code {proxy_header, Why}}: no signature, malformed, truncated, a bad checksum
     */
    public static Parsed parse(Bytes data) throws InetException {
        if (data.size() >= 6 && data.slice(0, 6).latin1().equals("PROXY ")) {
            int len = ProxyV1.lineLength(data);
            if (len < 0) {
                throw truncated(data.size());
            }
            return new Parsed(ProxyV1.parse(data.slice(0, len)), data.slice(len, data.size()));
        }
        if (data.size() >= 12 && ProxyV2.signature(data, 12)) {
            if (data.size() < ProxyV2.FIXED) {
                throw truncated(data.size());
            }
            int len = ProxyV2.length(data);
            if (data.size() < len) {
                throw truncated(data.size());
            }
            return new Parsed(ProxyV2.parse(data.slice(0, len)), data.slice(len, data.size()));
        }
        boolean prefix = data.size() < 12 && (ProxyV2.signature(data, data.size())
                || "PROXY ".startsWith(data.latin1()));
        if (prefix) {
            throw truncated(data.size());
        }
        throw new InetException(new ProxyHeaderError(
                "The PROXY protocol header signature was not recognized. (PP 2.1, PP 2.2)"));
    }

    private static InetException truncated(int have) {
        return new InetException(new ProxyHeaderError("The PROXY protocol header is truncated: the data ends after "
                + have + " bytes, inside the header. (PP 2.1, PP 2.2)"));
    }

    /**
     * {@code ranch:recv_proxy_header/2}: reads exactly one header from a passive socket in raw mode
     * and nothing after it, within {@code timeoutMillis}.
     *
     * @throws InetException {@code timeout}, {@code closed}, or {@code {proxy_header, Why}}
     */
    public static ProxyHeader recv(InetSocket socket, long timeoutMillis) throws InetException {
        return ProxyReader.read(socket, timeoutMillis, DEFAULT_MAX_SIZE);
    }

    /** As {@link #recv(InetSocket, long)}, refusing a v2 header longer than {@code maxSize} bytes. */
    public static ProxyHeader recv(InetSocket socket, long timeoutMillis, int maxSize) throws InetException {
        if (maxSize < ProxyV2.FIXED) {
            throw new IllegalArgumentException("A PROXY header limit below 16 bytes refuses every v2 header; got "
                    + maxSize + ".");
        }
        return ProxyReader.read(socket, timeoutMillis, maxSize);
    }
}
