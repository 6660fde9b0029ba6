package dev.otpnet.internal.tls;

import dev.otpnet.testing.TestPki;

import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.TlsAlert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ClientHelloRefusalTest {
    static final SSLContext SERVER_CTX = JdkContexts.context(TestPki.SERVER, TestPki.anchors());

    /** Sends {@code bytes} to a fresh server, returns the server's reason and the bytes it answered. */
    private static Refusal send(byte[] bytes) throws Exception {
        try (Loopback.Pair pair = Loopback.pair()) {
            TlsWire server = TlsWire.server(pair.server(), JdkContexts.serverEngines(SERVER_CTX, false, true, "TLSv1.3", "TLSv1.2"));
            Io.write(pair.client(), bytes);
            InetException e = assertThrows(InetException.class, () -> server.handshake(10_000));
            byte[] answer = Io.readAll(pair.client());
            return new Refusal(assertInstanceOf(TlsAlert.class, e.reason()), answer);
        }
    }

    record Refusal(TlsAlert alert, byte[] answer) {
        void is(AlertDescription d) {
            assertEquals(d, alert.description());
            assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 2, (byte) d.code()}, answer, HexFormat.of().formatHex(answer));
        }
    }

    @Test
    void plainHttpInsteadOfAClientHelloIsAnUnexpectedMessage() throws Exception {
        Refusal r = send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        r.is(AlertDescription.UNEXPECTED_MESSAGE);
        assertEquals("TLS server: In state hello at HelloReader generated SERVER ALERT: Fatal - Unexpected Message\n"
                + " {unsupported_record_type,71}", r.alert().text());
    }

    @Test
    void aClientHelloAnnouncingSixteenMegabytesIsRefusedFromItsHeader() throws Exception {
        Refusal r = send(new byte[] {22, 3, 1, 0, 4, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        r.is(AlertDescription.HANDSHAKE_FAILURE);
        assertTrue(r.alert().text().endsWith("malformed_handshake_data"), r.alert().text());
    }

    @Test
    void aClientHelloWhoseLengthsDoNotAddUpIsADecodeError() throws Exception {
        byte[] body = new byte[12];
        body[0] = 3;
        body[1] = 3;
        send(Hellos.record(Hellos.handshake(1, body))).is(AlertDescription.DECODE_ERROR);
    }

    @Test
    void aRecordLongerThanTlsAllowsIsARecordOverflow() throws Exception {
        send(new byte[] {22, 3, 1, (byte) 0x50, 0, 1}).is(AlertDescription.RECORD_OVERFLOW);
    }

    @Test
    void aServerHelloSentToAServerIsAnUnexpectedMessage() throws Exception {
        send(Hellos.record(Hellos.handshake(2, new byte[40]))).is(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void aFallbackHelloBelowOurHighestVersionGetsInappropriateFallback() throws Exception {
        byte[] hello = Hellos.clientHello(new int[0], new int[] {0xc02f, HelloParser.FALLBACK_SCSV}, "localhost");
        send(hello).is(AlertDescription.INAPPROPRIATE_FALLBACK);
    }

    @Test
    void aFallbackHelloWithLegacyVersionTls13ButNoSupportedVersionsOffersTls12AndGetsInappropriateFallback() throws Exception {
        // RFC 8446 4.2.1: without supported_versions a hello negotiates TLS 1.2 at most,
        // whatever its legacy_version says.
        byte[] hello = Hellos.clientHello(0x0304, new int[0], new int[] {0xc02f, HelloParser.FALLBACK_SCSV}, "localhost");
        send(hello).is(AlertDescription.INAPPROPRIATE_FALLBACK);
    }

    @Test
    void aFallbackHelloForAVersionWeDoNotServeGetsProtocolVersion() throws Exception {
        byte[] hello = Hellos.clientHello(0x0302, new int[0], new int[] {0xc013, HelloParser.FALLBACK_SCSV}, "localhost");
        send(hello).is(AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    void aClientHelloSplitAcrossManyRecordsAndWritesIsStillRead() throws Exception {
        byte[] hello = Hellos.clientHello(new int[] {0x0304}, new int[] {0x1301}, "split.example", "h2");
        byte[] message = Arrays.copyOfRange(hello, 5, hello.length);
        java.io.ByteArrayOutputStream records = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < message.length; i += 7) {
            records.writeBytes(Hellos.record(Arrays.copyOfRange(message, i, Math.min(message.length, i + 7))));
        }
        try (Loopback.Pair pair = Loopback.pair()) {
            TlsWire server = TlsWire.server(pair.server(), JdkContexts.serverEngines(SERVER_CTX, true, true, "TLSv1.3"));
            byte[] all = records.toByteArray();
            var writer = Io.THREADS.submit(() -> {
                for (int i = 0; i < all.length; i += 3) {
                    Io.write(pair.client(), Arrays.copyOfRange(all, i, Math.min(all.length, i + 3)));
                }
                return null;
            });
            dev.otpnet.ssl.ClientHello seen = server.handshake(10_000).orElseThrow();
            writer.get();
            assertEquals("split.example", seen.serverName());
            assertEquals(java.util.List.of("h2"), seen.alpnProtocols());
            server.handshakeCancel();
        }
    }
}
