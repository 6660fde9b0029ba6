package dev.otpnet.etf;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Options;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.testing.Loopback;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Terms over a real {@code {packet, 4}} gen_tcp connection, active and passive. */
@Timeout(30)
class TermSocketTest {
    private static final Tuple REQUEST = Tuple.of(Atom.of("call"), ErlMap.of(Atom.of("n"), new Int(42),
            Binary.utf8("k"), ErlList.string("v")));

    @Test
    void anActiveSocketDeliversDecodedTermsAndSendTakesTerms() throws InetException {
        try (Loopback lo = Loopback.open(List.of(binary(), packet(4), active(true)))) {
            TermSocket server = TermSocket.over(lo.server());
            TermSocket client = TermSocket.over(lo.client());
            client.send(REQUEST);
            SocketMessage m = server.receive();
            assertEquals(new SocketMessage.Data(lo.server(), REQUEST), m);
            server.send(Tuple.of(Atom.OK, ((Tuple) ((SocketMessage.Data) m).data()).get(1)));
            assertEquals(new SocketMessage.Data(lo.client(), Tuple.of(Atom.OK, REQUEST.get(1))),
                    client.receive(10_000).orElseThrow());
        }
    }

    @Test
    void aPassiveSocketGivesTermsToRecvAndTheFrameIsTermToBinary() throws InetException {
        try (Loopback lo = Loopback.open(List.of(binary(), packet(4), active(false)))) {
            TermSocket server = TermSocket.over(lo.server());
            lo.client().send(Terms.termToBinary(REQUEST));
            assertEquals(REQUEST, server.recv(10_000));
            server.send(List.of(1, "two"));
            assertEquals(Terms.termToBinary(ErlList.of(new Int(1), Binary.utf8("two"))), lo.client().recv(0, 10_000));
        }
    }

    @Test
    void aPacketThatIsNotATermIsBadargAndTheSocketStaysUsable() throws InetException {
        try (Loopback lo = Loopback.open(List.of(binary(), packet(4), active(false)))) {
            TermSocket server = TermSocket.over(lo.server());
            lo.client().send(Bytes.of((byte) 131, (byte) 108, (byte) 255, (byte) 255, (byte) 255, (byte) 255));
            assertThrows(BadargException.class, () -> server.recv(10_000));
            lo.client().send(Terms.termToBinary(Atom.OK));
            assertEquals(Atom.OK, server.recv(10_000));
        }
    }

    @Test
    void safeDecodingAppliesToEveryPacket() throws InetException {
        try (Loopback lo = Loopback.open(List.of(binary(), packet(4), active(false)))) {
            TermSocket server = TermSocket.over(lo.server(), List.of(), List.of(Terms.safe(java.util.Set.of(Atom.OK))));
            lo.client().send(Terms.termToBinary(Atom.ERROR));
            BadargException e = assertThrows(BadargException.class, () -> server.recv(10_000));
            assertTrue(e.getMessage().contains("not known"), e.getMessage());
        }
    }

    @Test
    void closedComesThroughAsIs() throws InetException {
        try (Loopback lo = Loopback.open(List.of(binary(), packet(4), active(true)))) {
            TermSocket server = TermSocket.over(lo.server());
            lo.client().close();
            assertInstanceOf(SocketMessage.Closed.class, server.receive(10_000).orElseThrow());
            InetException e = assertThrows(InetException.class, () -> server.send(Atom.OK));
            assertEquals(InetError.CLOSED, e.reason());
        }
    }

    @Test
    void listModeIsSwitchedToBinarySoPacketsCanBeDecoded() throws InetException {
        try (Loopback lo = Loopback.open(List.of(Options.list(), packet(4), active(false)))) {
            TermSocket server = TermSocket.over(lo.server());
            lo.client().send(Terms.termToBinary(new Int(7)));
            assertEquals(new Int(7), server.recv(10_000));
        }
    }
}
