package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.AlertLevel;
import dev.otpnet.ssl.TlsAlert;

import javax.net.ssl.SSLEngine;

import java.nio.ByteBuffer;

/**
 * The TLS record layer as far as otpnet looks at it without keys (RFC 8446 section 5.1, RFC 5246
 * section 6.2): a 5-byte header of content type, legacy version and length, then the fragment.
 */
final class TlsRecords {
    static final int HEADER = 5;
    static final int CHANGE_CIPHER_SPEC = 20;
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;
    /** The largest plaintext fragment (2^14); ciphertext may add up to 2048 bytes. */
    static final int MAX_PLAINTEXT = 1 << 14;
    static final int MAX_CIPHERTEXT = MAX_PLAINTEXT + 2048;
    /** TLS 1.3 allows less expansion: 2^14 + 256 (RFC 8446 section 5.2). */
    static final int MAX_CIPHERTEXT_13 = MAX_PLAINTEXT + 256;

    static final int CLIENT_HELLO = 1;
    static final int SERVER_HELLO = 2;
    /** Handshake message header: type (1) and length (3). */
    static final int HANDSHAKE_HEADER = 4;

    private TlsRecords() {
    }

    static int u8(ByteBuffer b, int at) {
        return b.get(at) & 0xff;
    }

    static int u16(ByteBuffer b, int at) {
        return (b.get(at) & 0xff) << 8 | (b.get(at + 1) & 0xff);
    }

    static int u24(ByteBuffer b, int at) {
        return (b.get(at) & 0xff) << 16 | (b.get(at + 1) & 0xff) << 8 | (b.get(at + 2) & 0xff);
    }

    /**
     * The length the record header at {@code buf}'s position announces when it is more than a
     * record of {@code protocol} (a JSSE name) may hold, else -1; also -1 while fewer than five
     * bytes are there. TLS 1.3 records hold at most 2^14 + 256 bytes, earlier ones 2^14 + 2048.
     */
    static int overflowingLength(ByteBuffer buf, String protocol) {
        if (buf.remaining() < HEADER) {
            return -1;
        }
        int length = u16(buf, buf.position() + 3);
        int limit = "TLSv1.3".equals(protocol) ? MAX_CIPHERTEXT_13 : MAX_CIPHERTEXT;
        return length > limit ? length : -1;
    }

    /**
     * Why the connection ends when the next record's header (at {@code buf}'s position) announces
     * more than TLS allows: record_overflow, as Erlang says, decided from the header alone without
     * waiting for (or buffering) the body; null when the record is fine. The JDK's engine would
     * refuse it without an alert ("Input record too big") or, below its own larger limit, wait for
     * the body. No alert goes on the wire: after the handshake an alert must be encrypted, only the
     * engine holds the keys, and it has no way to send record_overflow.
     */
    static InetException overflow(ByteBuffer buf, SSLEngine engine, boolean handshaking) {
        int length = overflowingLength(buf, engine.getSession().getProtocol());
        if (length < 0) {
            return null;
        }
        TlsAlert.Side side = engine.getUseClientMode() ? TlsAlert.Side.CLIENT : TlsAlert.Side.SERVER;
        return new InetException(TlsAlert.generated(side, handshaking ? "hello" : "connection", "TlsRecords",
                AlertLevel.FATAL, AlertDescription.RECORD_OVERFLOW, null),
                "the peer announced a TLS record of " + length + " bytes, more than TLS allows", null);
    }

    /**
     * Gives every plaintext alert record among the whole records in {@code buf}'s first
     * {@code length} bytes the description {@code description} (and level fatal). A plaintext
     * alert is an alert record whose fragment is the two bytes of level and description; an
     * encrypted one is longer (TLS 1.2) or hidden in application_data records (TLS 1.3), and is
     * left alone.
     *
     * @return how many alerts were replaced
     */
    static int replacePlaintextAlerts(ByteBuffer buf, int length, AlertDescription description) {
        int replaced = 0;
        for (int at = 0; at + HEADER <= length; ) {
            int fragment = u16(buf, at + 3);
            if (u8(buf, at) == ALERT && fragment == 2 && at + HEADER + 2 <= length) {
                buf.put(at + HEADER, (byte) AlertLevel.FATAL.code());
                buf.put(at + HEADER + 1, (byte) description.code());
                replaced++;
            }
            at += HEADER + fragment;
        }
        return replaced;
    }

    /**
     * A plaintext alert record, as sent before any keys are agreed (a refused ClientHello, a
     * cancelled handshake).
     */
    static ByteBuffer plaintextAlert(AlertLevel level, AlertDescription description) {
        return ByteBuffer.wrap(new byte[] {
            ALERT, 3, 3, 0, 2, (byte) level.code(), (byte) description.code()
        });
    }
}
