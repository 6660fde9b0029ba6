package dev.otpnet.internal.tls;

import dev.otpnet.ssl.AlertDescription;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Follows one direction of a TLS byte stream while it is still plaintext: cuts it into records,
 * reassembles handshake messages that span records, and reports alerts. It stops at the first
 * ChangeCipherSpec or application_data record, after which everything is encrypted.
 *
 * <p>In strict mode (a server reading a ClientHello before any engine exists) every oddity is a
 * {@link HelloRejected} carrying the alert Erlang's ssl would send; in lenient mode (watching a
 * handshake the engine runs) oddities just stop the scanner. A handshake message announcing more
 * than {@code maxHandshake} bytes is refused from its 4-byte header, before any of it is
 * buffered. Confined to one thread.
 */
final class HandshakeScanner {

    /** Receives what the scanner finds. */
    interface Sink {
        void message(int type, ByteBuffer body) throws HelloRejected;

        void alert(int level, int description);
    }

    private final boolean strict;
    private final int maxHandshake;
    private final Sink sink;
    private final byte[] header = new byte[TlsRecords.HEADER];
    private int headerFill;
    private int recordType;
    private int recordRemaining = -1;
    private byte[] alert = new byte[2];
    private int alertFill;
    /** Handshake bytes not yet delivered; let go (null) once nothing more is collected. */
    private byte[] messages = new byte[512];
    private int messagesFill;
    private boolean collect = true;
    private boolean stopped;

    HandshakeScanner(boolean strict, int maxHandshake, Sink sink) {
        this.strict = strict;
        this.maxHandshake = maxHandshake;
        this.sink = sink;
    }

    boolean stopped() {
        return stopped;
    }

    /** Whether the reassembly buffer is still held (for tests: a stopped scanner lets it go). */
    boolean collecting() {
        return messages != null;
    }

    /** Stop reassembling handshake messages (the interesting ones were seen); alerts still count. */
    void stopCollecting() {
        collect = false;
        messagesFill = 0;
        messages = null;
    }

    /** Nothing more will be scanned: the buffers go, as an idle connection keeps its scanners. */
    private void stop() {
        stopped = true;
        stopCollecting();
    }

    /** Scans the remaining bytes of {@code chunk} without moving its position. */
    void feed(ByteBuffer chunk) throws HelloRejected {
        int at = chunk.position();
        int end = chunk.limit();
        while (at < end && !stopped) {
            if (recordRemaining < 0) {
                int n = Math.min(TlsRecords.HEADER - headerFill, end - at);
                chunk.get(at, header, headerFill, n);
                headerFill += n;
                at += n;
                if (headerFill == TlsRecords.HEADER) {
                    startRecord();
                }
            } else {
                int n = Math.min(recordRemaining, end - at);
                fragment(chunk, at, n);
                at += n;
                recordRemaining -= n;
                if (recordRemaining == 0) {
                    endRecord();
                }
            }
        }
    }

    private void startRecord() throws HelloRejected {
        headerFill = 0;
        recordType = header[0] & 0xff;
        int major = header[1] & 0xff;
        int length = (header[3] & 0xff) << 8 | (header[4] & 0xff);
        switch (recordType) {
            case TlsRecords.HANDSHAKE, TlsRecords.ALERT -> { }
            case TlsRecords.CHANGE_CIPHER_SPEC, TlsRecords.APPLICATION_DATA -> {
                if (strict) {
                    throw new HelloRejected(AlertDescription.UNEXPECTED_MESSAGE, "{unexpected_record_type," + recordType + "}");
                }
                stop();
                return;
            }
            default -> reject(AlertDescription.UNEXPECTED_MESSAGE, "{unsupported_record_type," + recordType + "}");
        }
        if (major != 3) {
            reject(AlertDescription.PROTOCOL_VERSION, "{unsupported_record_version," + major + "}");
        } else if (length > TlsRecords.MAX_PLAINTEXT) {
            reject(AlertDescription.RECORD_OVERFLOW, "{record_too_long," + length + "}");
        } else if (length == 0) {
            reject(AlertDescription.DECODE_ERROR, "empty_record");
        }
        if (!stopped) {
            recordRemaining = length;
            alertFill = 0;
        }
    }

    private void fragment(ByteBuffer chunk, int at, int n) throws HelloRejected {
        if (recordType == TlsRecords.ALERT) {
            int take = Math.min(n, alert.length - alertFill);
            chunk.get(at, alert, alertFill, take);
            alertFill += take;
        } else if (collect) {
            ensure(messagesFill + n);
            chunk.get(at, messages, messagesFill, n);
            messagesFill += n;
            deliverMessages();
        }
    }

    private void endRecord() {
        recordRemaining = -1;
        if (recordType == TlsRecords.ALERT && alertFill == 2) {
            sink.alert(alert[0] & 0xff, alert[1] & 0xff);
        }
    }

    private void deliverMessages() throws HelloRejected {
        while (collect && messagesFill >= TlsRecords.HANDSHAKE_HEADER) {
            ByteBuffer view = ByteBuffer.wrap(messages, 0, messagesFill);
            int type = TlsRecords.u8(view, 0);
            int length = TlsRecords.u24(view, 1);
            if (length > maxHandshake) {
                reject(AlertDescription.HANDSHAKE_FAILURE, "malformed_handshake_data");
                return;
            }
            int total = TlsRecords.HANDSHAKE_HEADER + length;
            if (messagesFill < total) {
                ensure(total);
                return;
            }
            sink.message(type, ByteBuffer.wrap(messages, TlsRecords.HANDSHAKE_HEADER, length).slice());
            if (!collect) {
                return;
            }
            System.arraycopy(messages, total, messages, 0, messagesFill - total);
            messagesFill -= total;
        }
    }

    private void ensure(int capacity) {
        if (messages.length < capacity) {
            messages = Arrays.copyOf(messages, Math.max(capacity, messages.length * 2));
        }
    }

    private void reject(AlertDescription description, String detail) throws HelloRejected {
        if (strict) {
            throw new HelloRejected(description, detail);
        }
        stop();
    }
}
