package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.packetSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.packet.PacketType;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Loopback;
import dev.otpnet.testing.Mailbox;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A header that announces a packet of just under 2 GiB (0x7fff0000 bytes, which Erlang waits for;
 * past 2<sup>31</sup>-1 with its header it is emsgsize at once) must cost only the bytes that
 * arrive, for every type whose header can say so: 4, asn1 in the long form, cdr in either byte
 * order, sunrm. (tpkt and fcgi cannot: their lengths have 16 bits.) With {@code packet_size} set,
 * the header alone is refused before anything is buffered.
 */
class HugeHeaderTest {
    /** The announced body: 0x7fff0000 bytes. */
    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of(PacketType.FOUR, new int[] {0x7f, 0xff, 0, 0}),
                Arguments.of(PacketType.ASN1, new int[] {0x04, 0x84, 0x7f, 0xff, 0, 0}),
                Arguments.of(PacketType.ASN1, new int[] {0x1f, 0x81, 0x02, 0x84, 0x7f, 0xff, 0, 0}),
                Arguments.of(PacketType.CDR, new int[] {'G', 'I', 'O', 'P', 1, 0, 0, 0, 0x7f, 0xff, 0, 0}),
                Arguments.of(PacketType.CDR, new int[] {'G', 'I', 'O', 'P', 1, 2, 1, 0, 0, 0, 0xff, 0x7f}),
                Arguments.of(PacketType.SUNRM, new int[] {0xff, 0xff, 0, 0}));
    }

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    @ParameterizedTest(name = "'{'packet,{0}'}' {1}")
    @MethodSource("headers")
    void aHeaderAnnouncingTwoGibibytesCostsOnlyTheBytesThatArrive(PacketType type, int[] header) throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), packet(type), active(false)), List.of(binary(), active(false)))) {
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            p.client().send(bytes(header).concat(Bytes.latin1("ten bytes.")));
            InetException waiting = assertThrows(InetException.class, () -> p.server().recv(0, 300));
            assertEquals(InetError.TIMEOUT, waiting.reason(), "still waiting for the body, not failing");
            System.gc();
            long growth = rt.totalMemory() - rt.freeMemory() - before;
            assertTrue(growth < 16L << 20, "heap grew by " + growth);
            // The reader is alive (an allocation that failed would have killed it): it sees the close.
            p.client().close();
            InetException end = assertThrows(InetException.class, () -> p.server().recv(0, Mailbox.DEADLINE_MS));
            assertEquals(InetError.CLOSED, end.reason(), "the stream ends inside the packet");
        }
    }

    @ParameterizedTest(name = "'{'packet,{0}'}' {1}")
    @MethodSource("headers")
    void withPacketSizeTheHeaderAloneIsRefused(PacketType type, int[] header) throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), packet(type), packetSize(1 << 20)),
                List.of(binary(), active(false)))) {
            p.client().send(bytes(header));
            assertEquals(new SocketMessage.Error(p.server(), Posix.EMSGSIZE), Mailbox.nextSocketMessage(),
                    "no body was sent: the header alone decided");
            assertEquals(new SocketMessage.Closed(p.server()), Mailbox.nextSocketMessage());
        }
    }

    /**
     * A packet large enough to be gathered in chunks arrives whole and in order, in passive mode
     * across recv calls that time out while it is half there (a timed-out recv stops the reading,
     * the next one must resume it), and in active mode.
     */
    @ParameterizedTest(name = "active {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aPacketGatheredInChunksArrivesWhole(boolean activeMode) throws Exception {
        int size = 3 * 1024 * 1024 + 17;
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) (i * 7 + i / 65536);
        }
        Bytes all = Bytes.wrap(body);
        try (Loopback p = Loopback.open(List.of(binary(), packet(4), active(false)), List.of(binary(), packet(0), active(false)))) {
            Bytes header = bytes(new int[] {size >>> 24, (size >>> 16) & 0xff, (size >>> 8) & 0xff, size & 0xff});
            p.client().send(header.concat(all.slice(0, size / 2)));
            if (!activeMode) {
                for (int i = 0; i < 3; i++) {
                    InetException waiting = assertThrows(InetException.class, () -> p.server().recv(0, 100));
                    assertEquals(InetError.TIMEOUT, waiting.reason());
                }
            }
            p.client().send(all.slice(size / 2, size));
            p.client().send(bytes(new int[] {0, 0, 0, 2, 'o', 'k'}));
            if (activeMode) {
                p.server().setopts(List.of(active(true)));
                assertEquals(new SocketMessage.Data(p.server(), all), Mailbox.nextSocketMessage());
                assertEquals(new SocketMessage.Data(p.server(), Bytes.latin1("ok")), Mailbox.nextSocketMessage());
            } else {
                assertEquals(all, p.server().recv(0, Mailbox.DEADLINE_MS));
                assertEquals(Bytes.latin1("ok"), p.server().recv(0, Mailbox.DEADLINE_MS));
            }
        }
    }

    /**
     * A socket that closed while holding 32 MiB of an unfinished packet lets them go, though the
     * {@code Closed} message left in the mailbox still references the socket.
     */
    @org.junit.jupiter.api.Test
    void aClosedSocketStillReferencedHoldsNoBuffer() throws Exception {
        int sent = 32 * 1024 * 1024;
        try (Loopback p = Loopback.open(List.of(binary(), packet(4), active(false)), List.of(binary(), active(false)))) {
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            p.server().setopts(List.of(dev.otpnet.inet.Options.active(true)));
            p.client().send(bytes(new int[] {0x04, 0, 0, 0}).concat(Bytes.wrap(new byte[sent])));
            dev.otpnet.testing.Eventually.until("the server has the 32 MiB", () -> {
                try {
                    return p.server().getstat().recvOct() >= sent;
                } catch (InetException e) {
                    return false;
                }
            });
            p.client().close();
            dev.otpnet.testing.Eventually.until("the server socket closes", () -> !p.server().isOpen());
            System.gc();
            long growth = rt.totalMemory() - rt.freeMemory() - before;
            assertTrue(growth < 8L << 20, "a closed socket still holds " + (growth >> 20) + " MiB");
            assertEquals(new SocketMessage.Closed(p.server()), Mailbox.nextSocketMessage());
        }
    }

    private static Bytes bytes(int[] values) {
        byte[] a = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            a[i] = (byte) values[i];
        }
        return Bytes.wrap(a);
    }
}
