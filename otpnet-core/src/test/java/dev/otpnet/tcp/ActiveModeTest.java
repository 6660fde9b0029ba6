package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.ONCE;
import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.packetSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Eventually;
import dev.otpnet.testing.Loopback;
import dev.otpnet.testing.Mailbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActiveModeTest {
    private static final List<Option> FRAMED_PASSIVE = List.of(binary(), packet(2), active(false));

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    private static Option.Active activeOf(TcpSocket s) throws InetException {
        return (Option.Active) s.getopts(List.of(OptionName.ACTIVE)).getFirst();
    }

    @Test
    void activeTrueDeliversEveryPacketAndOneClosedLast() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), packet(2)))) {
            for (int i = 0; i < 100; i++) {
                p.client().send("m" + i);
            }
            p.client().close();
            for (int i = 0; i < 100; i++) {
                assertEquals(new SocketMessage.Data(p.server(), Bytes.latin1("m" + i)), Mailbox.nextSocketMessage());
            }
            assertEquals(new SocketMessage.Closed(p.server()), Mailbox.nextSocketMessage());
            Eventually.until("the socket closes", () -> !p.server().isOpen());
            assertEquals(0, Proc.messageQueueLen(Proc.self()), "nothing after Closed");
        }
    }

    @Test
    void onceDeliversOnePacketThenGoesPassive() throws Exception {
        try (Loopback p = Loopback.open(FRAMED_PASSIVE)) {
            p.client().send("one");
            p.client().send("two");
            p.server().setopts(List.of(active(ONCE)));
            assertEquals(new SocketMessage.Data(p.server(), Bytes.latin1("one")), Mailbox.nextSocketMessage());
            assertEquals(ActiveMode.FALSE, activeOf(p.server()).mode());
            assertEquals(Bytes.latin1("two"), p.server().recv(0, 5000), "the second packet was not delivered");
            assertEquals(0, Proc.messageQueueLen(Proc.self()));
        }
    }

    @Test
    void activeNDeliversNPacketsThenPassive() throws Exception {
        try (Loopback p = Loopback.open(FRAMED_PASSIVE)) {
            for (String s : List.of("a", "b", "c")) {
                p.client().send(s);
            }
            p.server().setopts(List.of(active(2)));
            assertEquals(new SocketMessage.Data(p.server(), Bytes.latin1("a")), Mailbox.nextSocketMessage());
            assertEquals(new SocketMessage.Data(p.server(), Bytes.latin1("b")), Mailbox.nextSocketMessage());
            assertEquals(new SocketMessage.Passive(p.server()), Mailbox.nextSocketMessage());
            assertEquals(Bytes.latin1("c"), p.server().recv(0, 5000));
        }
    }

    @Test
    void activeZeroSendsPassiveAtOnce() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary()))) {
            p.server().setopts(List.of(active(0)));
            assertEquals(new SocketMessage.Passive(p.server()), Mailbox.nextSocketMessage());
            assertEquals(ActiveMode.FALSE, activeOf(p.server()).mode());
        }
    }

    @Test
    void activeNCountsAddUpAndAreBoundedAsInErlang() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            p.server().setopts(List.of(active(10)));
            p.server().setopts(List.of(active(5)));
            assertEquals(new Option.Active(ActiveMode.N, 15), activeOf(p.server()));
            p.server().setopts(List.of(active(32767 - 15)));
            InetException e = assertThrows(InetException.class, () -> p.server().setopts(List.of(active(1))));
            assertEquals(Posix.EINVAL, e.reason());
            assertEquals(new Option.Active(ActiveMode.N, 32767), activeOf(p.server()), "unchanged after einval");
            p.server().setopts(List.of(active(-32768)));
            assertEquals(ActiveMode.FALSE, activeOf(p.server()).mode());
            assertEquals(new SocketMessage.Passive(p.server()), Mailbox.nextSocketMessage());
        }
    }

    @Test
    void aCloseSeenWhilePassiveIsDeliveredWhenActiveAgain() throws Exception {
        try (Loopback p = Loopback.open(FRAMED_PASSIVE)) {
            p.client().send("before-close");
            p.client().close();
            p.server().setopts(List.of(active(true)));
            assertEquals(new SocketMessage.Data(p.server(), Bytes.latin1("before-close")),
                    Mailbox.nextSocketMessage());
            assertEquals(new SocketMessage.Closed(p.server()), Mailbox.nextSocketMessage());
        }
    }

    @Test
    void anOversizePacketIsAnErrorThenClosed() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), packet(0)), List.of(binary(), packet(2), packetSize(10)))) {
            p.server().send(new byte[] {0, 20, 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',
                'a', 'a', 'a', 'a', 'a', 'a'});
            assertEquals(new SocketMessage.Error(p.client(), Posix.EMSGSIZE), Mailbox.nextSocketMessage());
            assertEquals(new SocketMessage.Closed(p.client()), Mailbox.nextSocketMessage());
        }
    }

    @Test
    void anOversizePacketIsEmsgsizeInRecv() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)),
                List.of(binary(), packet(4), packetSize(1000), active(false)))) {
            p.server().send(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            InetException e = assertThrows(InetException.class, () -> p.client().recv(0, 5000));
            assertEquals(Posix.EMSGSIZE, e.reason());
        }
    }

    @Test
    void framedSendsArriveWholeWhateverTheirSize() throws Exception {
        for (int header : new int[] {1, 2, 4}) {
            try (Loopback p = Loopback.open(List.of(binary(), packet(header), active(false)))) {
                int[] sizes = header == 1 ? new int[] {0, 1, 255} : new int[] {0, 1, 255, 256, 65535};
                for (int size : sizes) {
                    byte[] data = new byte[size];
                    java.util.Arrays.fill(data, (byte) size);
                    p.client().send(data);
                    assertEquals(Bytes.wrap(data), p.server().recv(0, 5000), "packet " + header + " size " + size);
                }
            }
        }
    }

    @Test
    void aPacketTooLargeForItsHeaderIsRefused() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), packet(1), active(false)))) {
            InetException e = assertThrows(InetException.class, () -> p.client().send(new byte[256]));
            assertEquals("{badarg,{packet_to_large,256,255}}", e.reason().toString());
            assertFalse(!p.client().isOpen(), "the socket stays usable");
            p.client().send(new byte[255]);
            assertEquals(255, ((Bytes) p.server().recv(0, 5000)).size());
        }
    }

    @Test
    void deliverPortGivesPortShapedDataMessages() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), dev.otpnet.inet.Options.deliver(false)))) {
            p.client().send("hi");
            SocketMessage m = Mailbox.nextSocketMessage();
            assertInstanceOf(SocketMessage.PortData.class, m);
            assertEquals("{" + p.server() + ",{data,<<\"hi\">>}}", m.toString());
        }
    }

    @Test
    void headerGivesTheFirstBytesAsAList() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false), dev.otpnet.inet.Options.header(2)))) {
            p.client().send("hello");
            Object got = p.server().recv(5, 5000);
            assertEquals(new dev.otpnet.inet.Headed("he", Bytes.latin1("llo")), got);
            assertEquals("[104,101|<<\"llo\">>]", got.toString());
        }
    }

    @Test
    void messagesPrintAsErlangTuples() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary()))) {
            p.client().send("x");
            assertEquals("{tcp," + p.server() + ",<<\"x\">>}", Mailbox.nextSocketMessage().toString());
        }
    }
}
