package dev.otpnet.internal.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.otpnet.inet.Bytes;
import dev.otpnet.packet.PacketOptions;
import dev.otpnet.packet.PacketType;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** A partial packet is resumed, not rescanned: the scanners remember how far they looked. */
class ResumedScanTest {

    private static ByteBuffer first(String s, int n) {
        return Bytes.latin1(s).asByteBuffer().limit(n);
    }

    @Test
    void theLineScannerResumesWhereItStoppedAndKeepsWhatItSawPastACut() {
        LineCodec line = (LineCodec) Codec.of(PacketType.LINE, PacketOptions.DEFAULT.withLineLength(4));
        String text = "abcdefghij\n";
        assertEquals(Codec.NEED_MORE, line.length(first(text, 3)));
        assertEquals(3, line.scannedSoFar());
        ByteBuffer all = first(text, text.length());
        assertEquals(4, line.length(all));
        assertEquals(10, line.scannedSoFar(), "found the delimiter at 10 while cutting at 4");
        line.packet(all, 4, Codec.Slicer.COPY);
        assertEquals(6, line.scannedSoFar(), "the next piece starts 4 bytes on; the delimiter is still known");
    }

    @Test
    void theHttpScannerResumesWhereItStoppedAndAtAFoldItCannotDecideYet() {
        HttpCodec http = (HttpCodec) Codec.of(PacketType.HTTPH, PacketOptions.DEFAULT);
        String text = "X: a\r\n b\r\nY: c\r\n";
        assertEquals(Codec.NEED_MORE, http.length(first(text, 3)));
        assertEquals(3, http.scannedSoFar());
        assertEquals(Codec.NEED_MORE, http.length(first(text, 6)));
        assertEquals(5, http.scannedSoFar(), "the line ends where the bytes end: look at that \\n again");
        assertEquals(10, http.length(first(text, text.length())));
    }
}
