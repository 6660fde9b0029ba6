package dev.otpnet.internal.tls;

import dev.otpnet.ssl.AlertDescription;
import dev.otpnet.ssl.ClientHello;
import dev.otpnet.ssl.TlsVersion;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelloParserTest {
    private static ByteBuffer body(byte[] record) {
        return ByteBuffer.wrap(Arrays.copyOfRange(record, 9, record.length));
    }

    @Test
    void aClientHelloGivesItsNameProtocolsVersionsAndSuites() throws Exception {
        byte[] r = Hellos.clientHello(new int[] {0x0303, 0x0304, 0x7a7a}, new int[] {0x1301, 0xc02f}, "db.example", "h2", "http/1.1");
        ClientHello h = HelloParser.clientHello(body(r));
        assertEquals("db.example", h.serverName());
        assertEquals(List.of("h2", "http/1.1"), h.alpnProtocols());
        assertEquals(List.of(TlsVersion.TLSV1_3, TlsVersion.TLSV1_2), h.versions());
        assertEquals(List.of(0x1301, 0xc02f), h.cipherSuites());
        assertFalse(h.fallbackScsv());
    }

    @Test
    void withoutSupportedVersionsTheLegacyVersionIsTheOffer() throws Exception {
        ClientHello h = HelloParser.clientHello(body(Hellos.clientHello(new int[0], new int[] {0xc02f, 0x5600}, null)));
        assertEquals(List.of(TlsVersion.TLSV1_2), h.versions());
        assertTrue(h.fallbackScsv());
        assertTrue(h.sni().isEmpty());
    }

    @Test
    void everyTruncationOfAValidHelloIsADecodeErrorExceptTheOneWithoutExtensions() throws Exception {
        byte[] r = Hellos.clientHello(new int[] {0x0304}, new int[] {0x1301}, "x.example", "h2");
        byte[] b = Arrays.copyOfRange(r, 9, r.length);
        int withoutExtensions = 2 + 32 + 1 + 2 + 2 + 1 + 1;
        assertEquals(List.of(TlsVersion.TLSV1_2),
                HelloParser.clientHello(ByteBuffer.wrap(b, 0, withoutExtensions).slice()).versions());
        for (int cut = 0; cut < b.length; cut++) {
            ByteBuffer truncated = ByteBuffer.wrap(b, 0, cut).slice();
            if (cut == withoutExtensions) {
                continue;
            }
            HelloRejected e = assertThrows(HelloRejected.class, () -> HelloParser.clientHello(truncated), "cut at " + cut);
            assertEquals(AlertDescription.DECODE_ERROR, e.alert());
        }
    }
}
