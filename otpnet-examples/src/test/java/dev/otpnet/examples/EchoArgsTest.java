package dev.otpnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.ssl.TlsEngineKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EchoArgsTest {

    @Test
    void withNoArgumentsTheServerListensOn7000WithAGeneratedCertificateAndPacket4() {
        assertEquals(new EchoArgs(7000, null, null, 4, TlsEngineKind.JSSE), EchoArgs.parse());
    }

    @Test
    void aPortThenACertificateAndAKeyFileMayBeGivenAndThePacketOptionGoesAnywhere() {
        assertEquals(new EchoArgs(0, null, null, 0, TlsEngineKind.JSSE), EchoArgs.parse("--packet", "0", "0"));
        assertEquals(new EchoArgs(8443, Path.of("c.pem"), Path.of("k.pem"), 2, TlsEngineKind.BORINGSSL),
                EchoArgs.parse("8443", "c.pem", "--packet", "2", "--engine", "boringssl", "k.pem"));
    }

    @Test
    void aCertificateWithoutAKeyIsRefusedWithTheUsage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EchoArgs.parse("7000", "c.pem"));
        assertTrue(e.getMessage().contains("usage: TlsEchoServer"), e.getMessage());
    }

    @Test
    void badNumbersAndUnknownOptionsAreRefusedSayingWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EchoArgs.parse("--packet", "3")).getMessage()
                .startsWith("--packet 3 is not 0, 1, 2 or 4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EchoArgs.parse("seven")).getMessage()
                .startsWith("\"seven\" is not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EchoArgs.parse("70000")).getMessage()
                .startsWith("port 70000 is not between 0 and 65535"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EchoArgs.parse("--raw")).getMessage()
                .startsWith("unknown option --raw"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EchoArgs.parse("--packet")).getMessage()
                .startsWith("--packet needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EchoArgs.parse("--engine", "openssl")).getMessage()
                .startsWith("--engine openssl is not jsse or boringssl"));
    }
}
