package dev.otpnet.internal.tls;

import dev.otpnet.inet.Bytes;
import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.ClientHello;
import dev.otpnet.ssl.TlsVersion;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes the bodies of ClientHello and ServerHello messages (RFC 8446 section 4.1.2 and 4.1.3)
 * as far as otpnet needs: versions, SNI, ALPN, cipher suites, TLS_FALLBACK_SCSV, session id and
 * whether a TLS 1.3 server accepted a pre-shared key. Every length is checked against its
 * enclosing one; a body that does not add up is a {@code decode_error}.
 *
 * <p>Pure functions over a buffer's remaining bytes; the buffer's position is not moved.
 */
final class HelloParser {
    static final int FALLBACK_SCSV = 0x5600;
    private static final int EXT_SERVER_NAME = 0;
    private static final int EXT_ALPN = 16;
    private static final int EXT_PRE_SHARED_KEY = 41;
    private static final int EXT_SUPPORTED_VERSIONS = 43;
    private static final byte[] HELLO_RETRY_RANDOM = java.util.HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    /** What a ServerHello tells: the version chosen, the session id echoed, a PSK accepted. */
    record ServerHelloInfo(int version, Bytes sessionId, boolean pskAccepted, boolean helloRetry) {
    }

    private HelloParser() {
    }

    static ClientHello clientHello(ByteBuffer body) throws HelloRejected {
        Cursor c = new Cursor(body);
        int legacyVersion = c.u16();
        c.skip(32);
        Bytes sessionId = c.bytes(c.u8(), 32);
        int suitesLength = c.u16();
        if (suitesLength < 2 || suitesLength % 2 != 0) {
            throw malformed();
        }
        Cursor suites = c.sub(suitesLength);
        List<Integer> cipherSuites = new ArrayList<>(suitesLength / 2);
        boolean scsv = false;
        while (suites.more()) {
            int s = suites.u16();
            scsv |= s == FALLBACK_SCSV;
            cipherSuites.add(s);
        }
        int compressions = c.u8();
        if (compressions < 1) {
            throw malformed();
        }
        c.skip(compressions);
        String serverName = null;
        List<String> alpn = List.of();
        List<TlsVersion> versions = null;
        if (c.more()) {
            Cursor exts = c.sub(c.u16());
            Set<Integer> seen = new HashSet<>();
            while (exts.more()) {
                int type = exts.u16();
                Cursor data = exts.sub(exts.u16());
                if (!seen.add(type)) {
                    throw malformed();
                }
                switch (type) {
                    case EXT_SERVER_NAME -> serverName = serverName(data);
                    case EXT_ALPN -> alpn = alpn(data);
                    case EXT_SUPPORTED_VERSIONS -> versions = offeredVersions(data);
                    default -> { }
                }
            }
        }
        if (c.more()) {
            throw malformed();
        }
        if (versions == null) {
            // RFC 8446 4.2.1: without supported_versions a hello negotiates TLS 1.2 at most,
            // even when its legacy_version says 0x0304 or more.
            versions = TlsVersion.fromCode(Math.min(legacyVersion, TlsVersion.TLSV1_2.code())).map(List::of).orElse(List.of());
        }
        return new ClientHello(legacyVersion, versions, serverName, alpn, cipherSuites, scsv, sessionId);
    }

    static ServerHelloInfo serverHello(ByteBuffer body) throws HelloRejected {
        Cursor c = new Cursor(body);
        int version = c.u16();
        byte[] random = c.bytes(32, 32).toArray();
        Bytes sessionId = c.bytes(c.u8(), 32);
        c.skip(2 + 1);
        boolean psk = false;
        if (c.more()) {
            Cursor exts = c.sub(c.u16());
            while (exts.more()) {
                int type = exts.u16();
                Cursor data = exts.sub(exts.u16());
                if (type == EXT_SUPPORTED_VERSIONS) {
                    version = data.u16();
                } else if (type == EXT_PRE_SHARED_KEY) {
                    psk = true;
                }
            }
        }
        return new ServerHelloInfo(version, sessionId, psk, java.util.Arrays.equals(random, HELLO_RETRY_RANDOM));
    }

    private static String serverName(Cursor data) throws HelloRejected {
        Cursor list = data.sub(data.u16());
        String name = null;
        while (list.more()) {
            int nameType = list.u8();
            Bytes value = list.bytes(list.u16(), 0xffff);
            if (nameType == 0 && name == null) {
                if (value.isEmpty()) {
                    throw malformed();
                }
                name = value.latin1();
            }
        }
        if (data.more()) {
            throw malformed();
        }
        return name == null ? null : new String(name.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.US_ASCII);
    }

    private static List<String> alpn(Cursor data) throws HelloRejected {
        Cursor list = data.sub(data.u16());
        List<String> protocols = new ArrayList<>();
        while (list.more()) {
            Bytes p = list.bytes(list.u8(), 255);
            if (p.isEmpty()) {
                throw malformed();
            }
            protocols.add(p.latin1());
        }
        if (data.more() || protocols.isEmpty()) {
            throw malformed();
        }
        return protocols;
    }

    private static List<TlsVersion> offeredVersions(Cursor data) throws HelloRejected {
        int length = data.u8();
        if (length < 2 || length % 2 != 0) {
            throw malformed();
        }
        Cursor list = data.sub(length);
        List<TlsVersion> versions = new ArrayList<>();
        while (list.more()) {
            TlsVersion.fromCode(list.u16()).ifPresent(versions::add);
        }
        versions.sort(Comparator.comparingInt(TlsVersion::code).reversed());
        return versions;
    }

    static HelloRejected malformed() {
        return new HelloRejected(AlertDescription.DECODE_ERROR, "{unknown_or_malformed_handshake,1}");
    }

    /** Reads a bounded region of a buffer without moving the buffer. */
    private static final class Cursor {
        private final ByteBuffer b;
        private int at;
        private final int end;

        Cursor(ByteBuffer b) {
            this(b, b.position(), b.limit());
        }

        private Cursor(ByteBuffer b, int at, int end) {
            this.b = b;
            this.at = at;
            this.end = end;
        }

        boolean more() {
            return at < end;
        }

        private void need(int n) throws HelloRejected {
            if (n < 0 || end - at < n) {
                throw malformed();
            }
        }

        int u8() throws HelloRejected {
            need(1);
            return TlsRecords.u8(b, at++);
        }

        int u16() throws HelloRejected {
            need(2);
            int v = TlsRecords.u16(b, at);
            at += 2;
            return v;
        }

        void skip(int n) throws HelloRejected {
            need(n);
            at += n;
        }

        Bytes bytes(int n, int max) throws HelloRejected {
            if (n > max) {
                throw malformed();
            }
            need(n);
            byte[] a = new byte[n];
            b.get(at, a);
            at += n;
            return Bytes.wrap(a);
        }

        Cursor sub(int n) throws HelloRejected {
            need(n);
            Cursor c = new Cursor(b, at, at + n);
            at += n;
            return c;
        }
    }
}
