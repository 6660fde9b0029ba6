package dev.otpnet.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PacketOptionsTest {

    @Test
    void theDefaultIsErlangsNoLimitsAndNewline() {
        assertEquals(new PacketOptions(0, 0, (byte) '\n', false), PacketOptions.DEFAULT);
        assertEquals("[{packet_size,0},{line_length,0}]", PacketOptions.DEFAULT.toString());
        assertFalse(PacketOptions.DEFAULT.lineDelimiterGiven());
    }

    @Test
    void aDelimiterSetExplicitlyIsGivenEvenWhenItIsTheDefaultOne() {
        PacketOptions newline = PacketOptions.DEFAULT.withLineDelimiter('\n');
        assertTrue(newline.lineDelimiterGiven());
        assertEquals("[{packet_size,0},{line_length,0},{line_delimiter,10}]", newline.toString());
        assertEquals(new PacketOptions(0, 0, (byte) '\n'), newline, "the three-value form names all three");
    }

    @Test
    void withMethodsChangeOneOptionAndKeepTheOthers() {
        PacketOptions o = PacketOptions.DEFAULT.withPacketSize(100).withLineLength(80).withLineDelimiter(';');
        assertEquals(new PacketOptions(100, 80, (byte) ';'), o);
        assertEquals(255, o.withLineDelimiter((byte) 0xff).lineDelimiter() & 0xff);
    }

    @Test
    void aNegativePacketSizeIsRefusedNamingTheOptionAndValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> PacketOptions.DEFAULT.withPacketSize(-1));
        assertTrue(e.getMessage().startsWith("{packet_size,-1}: packet_size"), e.getMessage());
    }

    @Test
    void aNegativeLineLengthIsRefusedNamingTheOptionAndValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new PacketOptions(0, -5, (byte) 10));
        assertTrue(e.getMessage().startsWith("{line_length,-5}: line_length"), e.getMessage());
    }

    @Test
    void aDelimiterThatIsNotAByteIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> PacketOptions.DEFAULT.withLineDelimiter('\u20ac'));
        assertTrue(e.getMessage().startsWith("{line_delimiter,8364}"), e.getMessage());
    }
}
