package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.buffer;
import static dev.otpnet.inet.Options.lineDelimiter;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.packetSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.packet.PacketType;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Frames;
import dev.otpnet.testing.Loopback;
import dev.otpnet.testing.PacketReader;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code {packet, line}} and changing the packet type between packets. A line is bounded by
 * {@code packet_size} alone: unlike gen_tcp, which splits a line at its receive buffer, otpnet
 * never cuts one (see the README's design section).
 */
class LineAndSwitchTest {

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    private static Loopback lineSocket(List<dev.otpnet.inet.Option> extra) throws InetException {
        List<dev.otpnet.inet.Option> options = new java.util.ArrayList<>(List.of(binary(), active(false),
                packet(PacketType.LINE)));
        options.addAll(extra);
        return Loopback.open(options, List.of(binary(), active(false)));
    }

    @Test
    void lineDelimiterEndsLinesAndCanChangeBetweenThem() throws Exception {
        try (Loopback p = lineSocket(List.of(lineDelimiter(';')))) {
            p.client().send("a\nb;cd;ef|gh\n");
            assertEquals(Bytes.latin1("a\nb;"), p.server().recv(0, 5000), "a newline is an ordinary byte now");
            assertEquals(Bytes.latin1("cd;"), p.server().recv(0, 5000));
            p.server().setopts(List.of(lineDelimiter('|')));
            assertEquals(Bytes.latin1("ef|"), p.server().recv(0, 5000));
            p.server().setopts(List.of(lineDelimiter('\n')));
            assertEquals(Bytes.latin1("gh\n"), p.server().recv(0, 5000));
        }
    }

    /** Passive or {active, once}: the socket reads no packet ahead, so a new type applies to the next byte. */
    @ParameterizedTest
    @EnumSource(names = {"FALSE", "ONCE"})
    void switchingThePacketTypeBetweenPacketsLosesNoByte(ActiveMode mode) throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), packet(PacketType.LINE), PacketReader.initial(mode)),
                List.of(binary(), active(false)))) {
            Bytes framed = Frames.frame(PacketType.TWO, Bytes.latin1("two\nbytes"), 0);
            Bytes asn1 = Frames.frame(PacketType.ASN1, Frames.payload(200), 1);
            p.client().send(Bytes.latin1("a line\n").concat(framed).concat(asn1).concat(Bytes.latin1("raw rest")));
            PacketReader reader = new PacketReader(p.server(), mode);
            assertEquals(Bytes.latin1("a line\n"), reader.next());
            p.server().setopts(List.of(packet(2)));
            assertEquals(Bytes.latin1("two\nbytes"), reader.next());
            p.server().setopts(List.of(packet(PacketType.ASN1)));
            assertEquals(asn1, reader.next());
            p.server().setopts(List.of(packet(PacketType.RAW)));
            Bytes rest = Bytes.EMPTY;
            for (int reads = 0; rest.size() < 8 && reads < 8; reads++) {
                rest = rest.concat((Bytes) reader.next());
            }
            assertEquals(Bytes.latin1("raw rest"), rest);
        }
    }

    @Test
    void aMebibyteLineArrivesWholeWithoutPacketSize() throws Exception {
        try (Loopback p = lineSocket(List.of())) {
            Bytes line = Frames.payload(1 << 20).concat(Bytes.latin1("\n"));
            Thread.ofVirtual().start(() -> {
                try {
                    p.client().send(line);
                    p.client().send("next\n");
                } catch (InetException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(line, p.server().recv(0, 20_000), "one packet, never cut at a buffer size");
            assertEquals(Bytes.latin1("next\n"), p.server().recv(0, 5000));
        }
    }

    @Test
    void aLineLongerThanTheBufferIsNotCut() throws Exception {
        try (Loopback p = lineSocket(List.of(buffer(100)))) {
            Bytes line = Frames.payload(5000).concat(Bytes.latin1("\n"));
            p.client().send(line);
            assertEquals(line, p.server().recv(0, 5000), "gen_tcp would deliver 100-byte pieces here");
        }
    }

    @Test
    void aLineUpToPacketSizeIsWholeAndOneByteMoreIsEmsgsize() throws Exception {
        try (Loopback p = lineSocket(List.of(packetSize(4096), buffer(100)))) {
            Bytes fits = Frames.payload(4095).concat(Bytes.latin1("\n"));
            p.client().send(fits.concat(Frames.payload(4096)).concat(Bytes.latin1("\n")));
            assertEquals(fits, p.server().recv(0, 5000), "the delimiter counts: 4096 bytes in all");
            InetException e = assertThrows(InetException.class, () -> p.server().recv(0, 5000));
            assertEquals(Posix.EMSGSIZE, e.reason());
        }
    }
}
