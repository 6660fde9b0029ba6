package dev.otpnet.listener;

import dev.otpnet.inet.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One type-length-value vector of a PROXY protocol v2 header (proxy-protocol.txt, section 2.2):
 * what the proxy knows about the client connection beyond its addresses.
 *
 * <p>The registered types each have a record; any other type (the custom range {@code 0xE0..0xEF},
 * the experimental and future ranges, or a type registered after this was written) is kept raw
 * as {@link Custom}, so nothing the proxy sent is lost.
 */
public sealed interface ProxyTlv {

    int ALPN = 0x01;
    int AUTHORITY = 0x02;
    int CRC32C = 0x03;
    int NOOP = 0x04;
    int UNIQUE_ID = 0x05;
    int SSL = 0x20;
    int NETNS = 0x30;

    /** The type byte. */
    int type();

    /** {@code PP2_TYPE_ALPN}: the application protocol, as sent in TLS's ALPN extension ("h2"). */
    record Alpn(Bytes protocol) implements ProxyTlv {
        public Alpn {
            Objects.requireNonNull(protocol, "protocol");
        }

        public static Alpn of(String protocol) {
            return new Alpn(Bytes.utf8(protocol));
        }

        @Override
        public int type() {
            return ALPN;
        }
    }

    /** {@code PP2_TYPE_AUTHORITY}: the host name the client asked for (TLS SNI, say), UTF-8. */
    record Authority(String host) implements ProxyTlv {
        public Authority {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public int type() {
            return AUTHORITY;
        }
    }

    /**
     * {@code PP2_TYPE_CRC32C}: the CRC32c of the whole header, computed with this field zeroed.
     * A parsed header carries it only after the checksum was verified; the writer computes it,
     * so the value given to the writer is ignored.
     */
    record Crc32c(int checksum) implements ProxyTlv {
        @Override
        public int type() {
            return CRC32C;
        }
    }

    /** {@code PP2_TYPE_NOOP}: padding, to be ignored. */
    record Noop(int length) implements ProxyTlv {
        public Noop {
            if (length < 0 || length > 65535) {
                throw new IllegalArgumentException("A NOOP TLV holds 0 to 65535 bytes, not " + length + ".");
            }
        }

        @Override
        public int type() {
            return NOOP;
        }
    }

    /** {@code PP2_TYPE_UNIQUE_ID}: an opaque id of the connection, at most 128 bytes. */
    record UniqueId(Bytes id) implements ProxyTlv {
        public UniqueId {
            Objects.requireNonNull(id, "id");
            if (id.size() > 128) {
                throw new IllegalArgumentException("A UNIQUE_ID TLV is at most 128 bytes (PP 2.2.5), not "
                        + id.size() + ".");
            }
        }

        @Override
        public int type() {
            return UNIQUE_ID;
        }
    }

    /**
     * {@code PP2_TYPE_SSL}: the client's TLS connection to the proxy (PP 2.2.6). {@code client} is
     * the bit field of {@link #CLIENT_SSL}, {@link #CLIENT_CERT_CONN}, {@link #CLIENT_CERT_SESS};
     * {@code verify} is 0 when the client's certificate was verified; {@code subTlvs} carry the TLS
     * version, the certificate's common name, the cipher and the algorithms.
     */
    record Ssl(int client, long verify, List<Sub> subTlvs) implements ProxyTlv {
        public static final int CLIENT_SSL = 0x01;
        public static final int CLIENT_CERT_CONN = 0x02;
        public static final int CLIENT_CERT_SESS = 0x04;
        public static final int VERSION = 0x21;
        public static final int CN = 0x22;
        public static final int CIPHER = 0x23;
        public static final int SIG_ALG = 0x24;
        public static final int KEY_ALG = 0x25;

        /** One second-level TLV inside the SSL TLV. */
        public record Sub(int type, Bytes value) {
            public Sub {
                if (type < 0 || type > 255) {
                    throw new IllegalArgumentException("A TLV type is one byte, not " + type + ".");
                }
                Objects.requireNonNull(value, "value");
            }

            public static Sub of(int type, String text) {
                return new Sub(type, Bytes.wrap(text.getBytes(StandardCharsets.UTF_8)));
            }
        }

        public Ssl {
            if (client < 0 || client > 255) {
                throw new IllegalArgumentException("The SSL TLV's client field is one byte, not " + client + ".");
            }
            if (verify < 0 || verify > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("The SSL TLV's verify field is 32 bits, not " + verify + ".");
            }
            subTlvs = List.copyOf(subTlvs);
        }

        /** The fields of a TLS client connection, as HAProxy's {@code send-proxy-v2-ssl} sends them. */
        public static Ssl of(boolean certVerified, String version, String cipher) {
            List<Sub> subs = new ArrayList<>();
            subs.add(Sub.of(VERSION, version));
            if (cipher != null) {
                subs.add(Sub.of(CIPHER, cipher));
            }
            return new Ssl(CLIENT_SSL, certVerified ? 0 : 1, subs);
        }

        @Override
        public int type() {
            return SSL;
        }

        /** The client connected over TLS ({@code PP2_CLIENT_SSL}). */
        public boolean ssl() {
            return (client & CLIENT_SSL) != 0;
        }

        /** The client presented a certificate on this connection ({@code PP2_CLIENT_CERT_CONN}). */
        public boolean certConn() {
            return (client & CLIENT_CERT_CONN) != 0;
        }

        /** The client presented a certificate in this TLS session ({@code PP2_CLIENT_CERT_SESS}). */
        public boolean certSess() {
            return (client & CLIENT_CERT_SESS) != 0;
        }

        /** The client's certificate was presented and verified ({@code verify == 0}). */
        public boolean verified() {
            return verify == 0;
        }

        public Optional<String> version() {
            return text(VERSION);
        }

        public Optional<String> cn() {
            return text(CN);
        }

        public Optional<String> cipher() {
            return text(CIPHER);
        }

        public Optional<String> sigAlg() {
            return text(SIG_ALG);
        }

        public Optional<String> keyAlg() {
            return text(KEY_ALG);
        }

        private Optional<String> text(int type) {
            return subTlvs.stream().filter(s -> s.type() == type).findFirst().map(s -> s.value().utf8());
        }
    }

    /** {@code PP2_TYPE_NETNS}: the name of the network namespace the connection came in on. */
    record Netns(String name) implements ProxyTlv {
        public Netns {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public int type() {
            return NETNS;
        }
    }

    /** Any other type, raw: the custom range {@code 0xE0..0xEF}, experiments, or types we do not know. */
    record Custom(int type, Bytes value) implements ProxyTlv {
        public Custom {
            if (type < 0 || type > 255) {
                throw new IllegalArgumentException("A TLV type is one byte, not " + type + ".");
            }
            if (type == ALPN || type == AUTHORITY || type == CRC32C || type == NOOP || type == UNIQUE_ID
                    || type == SSL || type == NETNS) {
                throw new IllegalArgumentException("TLV type 0x" + Integer.toHexString(type)
                        + " is registered; use its own record, not Custom.");
            }
            Objects.requireNonNull(value, "value");
        }
    }
}
