package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Inet;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.packet.PacketType;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Loopback;
import dev.otpnet.testing.Mailbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OptionsTest {

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    private static Option get(dev.otpnet.inet.InetPort s, OptionName n) throws InetException {
        return s.getopts(List.of(n)).getFirst();
    }

    @Test
    void defaultsAreGenTcps() throws Exception {
        try (Loopback p = Loopback.open(List.of())) {
            TcpSocket s = p.server();
            assertEquals("{active,true}", get(s, OptionName.ACTIVE).toString());
            assertEquals("{mode,list}", get(s, OptionName.MODE).toString());
            assertEquals("{packet,0}", get(s, OptionName.PACKET).toString());
            assertEquals("{header,0}", get(s, OptionName.HEADER).toString());
            assertEquals("{packet_size,0}", get(s, OptionName.PACKET_SIZE).toString());
            assertEquals("{buffer,1460}", get(s, OptionName.BUFFER).toString());
            assertEquals("{delay_send,false}", get(s, OptionName.DELAY_SEND).toString());
            assertEquals("{deliver,term}", get(s, OptionName.DELIVER).toString());
            assertEquals("{exit_on_close,true}", get(s, OptionName.EXIT_ON_CLOSE).toString());
            assertEquals("{high_watermark,8192}", get(s, OptionName.HIGH_WATERMARK).toString());
            assertEquals("{low_watermark,4096}", get(s, OptionName.LOW_WATERMARK).toString());
            assertEquals("{high_msgq_watermark,8192}", get(s, OptionName.HIGH_MSGQ_WATERMARK).toString());
            assertEquals("{low_msgq_watermark,4096}", get(s, OptionName.LOW_MSGQ_WATERMARK).toString());
            assertEquals("{send_timeout,infinity}", get(s, OptionName.SEND_TIMEOUT).toString());
            assertEquals("{send_timeout_close,false}", get(s, OptionName.SEND_TIMEOUT_CLOSE).toString());
            assertEquals("{show_econnreset,false}", get(s, OptionName.SHOW_ECONNRESET).toString());
            assertEquals("{nodelay,false}", get(s, OptionName.NODELAY).toString());
            assertEquals("{keepalive,false}", get(s, OptionName.KEEPALIVE).toString());
            assertEquals("{linger,{false,0}}", get(s, OptionName.LINGER).toString());
            assertEquals("{tos,0}", get(s, OptionName.TOS).toString());
            assertEquals("{line_delimiter,10}", get(s, OptionName.LINE_DELIMITER).toString());
        }
    }

    @Test
    void everySettableOptionReadsBackAsSet() throws Exception {
        try (Loopback p = Loopback.open(List.of())) {
            TcpSocket s = p.server();
            List<Option> options = List.of(active(false), binary(), header(3), packet(PacketType.LINE), packetSize(999),
                    lineDelimiter('$'), buffer(4096), delaySend(true), exitOnClose(false), showEconnreset(true),
                    sendTimeout(1234), sendTimeoutClose(true), highWatermark(70000), lowWatermark(30000),
                    highMsgqWatermark(100), lowMsgqWatermark(50), nodelay(true), keepalive(true), linger(true, 7),
                    tos(16), deliver(false));
            s.setopts(options);
            for (Option o : options) {
                assertEquals(o, get(s, o.name()), o.name().toString());
            }
            Option rec = get(s, OptionName.RECBUF);
            assertTrue(rec instanceof Option.Int i && i.value() > 0, rec.toString());
        }
    }

    @Test
    void kernelBuffersTakeTheRequestedSize() throws Exception {
        try (Loopback p = Loopback.open(List.of(recbuf(65536), sndbuf(65536)))) {
            // Linux doubles what it is given; never less than asked.
            assertTrue(((Option.Int) get(p.server(), OptionName.RECBUF)).value() >= 65536);
            assertTrue(((Option.Int) get(p.server(), OptionName.SNDBUF)).value() >= 65536);
        }
    }

    @Test
    void acceptedSocketsInheritTheListenSocketsOptions() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), packet(4), active(ONCE), nodelay(true), showEconnreset(true),
                exitOnClose(false), sendTimeout(5000)), List.of())) {
            TcpSocket s = p.server();
            assertEquals(binary(), get(s, OptionName.MODE));
            assertEquals(packet(4), get(s, OptionName.PACKET));
            assertEquals(new Option.Active(ActiveMode.ONCE, 0), get(s, OptionName.ACTIVE));
            assertEquals(nodelay(true), get(s, OptionName.NODELAY));
            assertEquals(showEconnreset(true), get(s, OptionName.SHOW_ECONNRESET));
            assertEquals(exitOnClose(false), get(s, OptionName.EXIT_ON_CLOSE));
            assertEquals(sendTimeout(5000), get(s, OptionName.SEND_TIMEOUT));
        }
    }

    @Test
    void unknownOptionsAndBadValuesAreRefusedAtOnceNamingThem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> OptionName.fromAtom("bogus"));
        assertTrue(unknown.getMessage().contains("bogus"));
        IllegalArgumentException badPacket = assertThrows(IllegalArgumentException.class, () -> packet(7));
        assertTrue(badPacket.getMessage().contains("{packet,7}"), badPacket.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PacketType.of("bogus"));
        IllegalArgumentException tos = assertThrows(IllegalArgumentException.class, () -> tos(300));
        assertTrue(tos.getMessage().contains("{tos,300}"), tos.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sendTimeout(-1));
        assertThrows(IllegalArgumentException.class, () -> linger(true, -1));
        assertThrows(IllegalArgumentException.class, () -> packetSize(-1));
        assertThrows(IllegalArgumentException.class, () -> lineDelimiter(256));
        assertThrows(IllegalArgumentException.class, () -> port(65536));
        assertThrows(IllegalArgumentException.class, () -> ip("not-an-address"));
    }

    @ParameterizedTest
    @EnumSource(value = OptionName.class, names = {"PRIORITY", "DONTROUTE", "TTL", "RECVTOS", "RECVTCLASS", "RECVTTL",
        "IPV6_V6ONLY"})
    void optionsTheJvmCannotSetAreEnotsupSayingWhy(OptionName name) throws Exception {
        Option option = name.kind() == OptionName.Kind.BOOLEAN ? new Option.Flag(name, true) : new Option.Int(name, 1);
        try (Loopback p = Loopback.open(List.of())) {
            InetException set = assertThrows(InetException.class, () -> p.server().setopts(List.of(option)));
            assertEquals(Posix.ENOTSUP, set.reason());
            assertTrue(set.getMessage().contains(name.whyNotSupported().orElseThrow()), set.getMessage());
            InetException get = assertThrows(InetException.class, () -> p.server().getopts(List.of(name)));
            assertEquals(Posix.ENOTSUP, get.reason());
        }
        InetException listen = assertThrows(InetException.class, () -> GenTcp.listen(0, List.of(option)));
        assertEquals(Posix.ENOTSUP, listen.reason());
    }

    @Test
    void creationOnlyOptionsCannotBeSetLater() throws Exception {
        try (Loopback p = Loopback.open(List.of())) {
            InetException e = assertThrows(InetException.class, () -> p.server().setopts(List.of(backlog(10))));
            assertEquals(Posix.EINVAL, e.reason());
        }
    }

    @Test
    void watermarksKeepLowAtOrBelowHigh() throws Exception {
        try (Loopback p = Loopback.open(List.of())) {
            p.server().setopts(List.of(highWatermark(1000)));
            assertEquals(lowWatermark(1000), get(p.server(), OptionName.LOW_WATERMARK));
            p.server().setopts(List.of(lowWatermark(5000)));
            assertEquals(highWatermark(5000), get(p.server(), OptionName.HIGH_WATERMARK));
        }
    }

    @Test
    void lingerZeroMakesCloseAResetThatShowEconnresetReports() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), showEconnreset(true)), List.of(binary(), linger(true, 0)))) {
            p.client().close();
            SocketMessage first = Mailbox.nextSocketMessage();
            assertEquals(new SocketMessage.Error(p.server(), Posix.ECONNRESET), first);
            assertEquals(new SocketMessage.Closed(p.server()), Mailbox.nextSocketMessage());
        }
    }

    @Test
    void withoutShowEconnresetAResetIsJustClosed() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)), List.of(binary(), linger(true, 0)))) {
            p.client().close();
            InetException e = assertThrows(InetException.class, () -> p.server().recv(0, 5000));
            assertEquals(InetError.CLOSED, e.reason());
        }
    }

    @Test
    void exitOnCloseFalseKeepsTheSocketForSendingAfterThePeersFin() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), exitOnClose(false)), List.of(binary(), active(false)))) {
            p.client().shutdown(dev.otpnet.inet.ShutdownHow.WRITE);
            assertEquals(new SocketMessage.Closed(p.server()), Mailbox.nextSocketMessage());
            p.server().send("still here");
            assertEquals(dev.otpnet.inet.Bytes.latin1("still here"), p.client().recv(10, 5000));
        }
    }

    @Test
    void optionsPrintAsErlangTerms() {
        assertEquals("{active,once}", active(ONCE).toString());
        assertEquals("{active,-5}", active(-5).toString());
        assertEquals("{packet,http_bin}", packet(PacketType.HTTP_BIN).toString());
        assertEquals("{linger,{true,0}}", linger(true, 0).toString());
        assertEquals("{ip,::1}", ip("::1").toString());
        assertEquals("{send_timeout,infinity}", sendTimeout(Inet.INFINITY).toString());
        assertEquals("inet6", inet6().toString());
    }
}
