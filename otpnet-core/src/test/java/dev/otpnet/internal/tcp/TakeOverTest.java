package dev.otpnet.internal.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.internal.conn.Detached;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.internal.wire.PrefixedWire;
import dev.otpnet.process.Proc;
import dev.otpnet.tcp.TcpSocket;
import dev.otpnet.testing.Loopback;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Taking a socket's wire over (what ssl's upgrade and downgrade do) loses no byte. */
class TakeOverTest {

    @Test
    void aSocketTakenOverHandsItsBufferedBytesToTheNextOne() throws Exception {
        Proc.flush();
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            p.client().send("abcdef");
            assertEquals(Bytes.latin1("ab"), p.server().recv(2, 5000));
            Detached d = TcpSockets.conn(p.server()).detach();
            assertFalse(p.server().isOpen());
            InetException e = assertThrows(InetException.class, () -> p.server().recv(0, 10));
            assertEquals(InetError.CLOSED, e.reason());
            TcpSocket next = TcpSockets.open(PrefixedWire.of(d.wire(), d.buffered()), d.kernel(), d.settings(),
                    ProcessCore.current());
            p.client().send("gh");
            assertEquals(Bytes.latin1("cdefgh"), next.recv(6, 5000));
            next.send("back");
            assertEquals(Bytes.latin1("back"), p.client().recv(4, 5000));
            next.close();
        }
    }

    @Test
    void anActiveSocketCannotBeTakenOver() throws Exception {
        Proc.flush();
        try (Loopback p = Loopback.open(List.of(binary()))) {
            InetException e = assertThrows(InetException.class, () -> TcpSockets.conn(p.server()).detach());
            assertEquals(Posix.EINVAL, e.reason());
        }
    }
}
