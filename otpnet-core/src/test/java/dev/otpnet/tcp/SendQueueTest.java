package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.highWatermark;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.recbuf;
import static dev.otpnet.inet.Options.sendTimeout;
import static dev.otpnet.inet.Options.sendTimeoutClose;
import static dev.otpnet.inet.Options.sndbuf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.ShutdownHow;
import dev.otpnet.inet.Stats;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Eventually;
import dev.otpnet.testing.Loopback;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SendQueueTest {
    private static final byte[] CHUNK = new byte[64 * 1024];
    /** Far more than loopback buffers hold, so a peer that does not read must stall us first. */
    private static final int MAX_CHUNKS = 16 * 1024;

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    /** Sends chunks until one fails; the failure, or null if every chunk went (which the tests treat as a bug). */
    private static InetException sendUntilItFails(TcpSocket s) {
        for (int i = 0; i < MAX_CHUNKS; i++) {
            try {
                s.send(CHUNK);
            } catch (InetException e) {
                return e;
            }
        }
        return null;
    }

    @Test
    void aSendTimesOutWhenThePeerDoesNotRead() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false), recbuf(16384)),
                List.of(binary(), sendTimeout(200), sndbuf(16384)))) {
            InetException e = sendUntilItFails(p.client());
            assertNotNull(e, "the peer never pushed back");
            assertEquals(InetError.TIMEOUT, e.reason());
            assertTrue(p.client().isOpen(), "without send_timeout_close the socket stays open");
        }
    }

    @Test
    void sendTimeoutCloseClosesTheSocket() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false), recbuf(16384)),
                List.of(binary(), sendTimeout(200), sendTimeoutClose(true), sndbuf(16384)))) {
            InetException e = sendUntilItFails(p.client());
            assertNotNull(e, "the peer never pushed back");
            assertEquals(InetError.TIMEOUT, e.reason());
            assertFalse(p.client().isOpen());
            InetException after = assertThrows(InetException.class, () -> p.client().send("x"));
            assertEquals(Posix.ENOTCONN, after.reason(), "as inet_drv says for a port whose connection it dropped");
        }
    }

    @Test
    void queuedBytesAreWrittenBeforeTheFin() throws Exception {
        int total = 8 * 1024 * 1024;
        try (Loopback p = Loopback.open(List.of(binary(), active(false)),
                List.of(binary(), sendTimeout(60_000), highWatermark(Integer.MAX_VALUE)))) {
            byte[] data = new byte[total];
            for (int i = 0; i < total; i++) {
                data[i] = (byte) (i * 31);
            }
            p.client().send(data);
            p.client().shutdown(ShutdownHow.WRITE);
            byte[] got = new byte[total];
            int n = 0;
            while (n < total) {
                Bytes b = (Bytes) p.server().recv(0, 10_000);
                b.copyTo(got, n);
                n += b.size();
            }
            assertEquals(Bytes.wrap(data), Bytes.wrap(got));
            InetException eof = assertThrows(InetException.class, () -> p.server().recv(0, 10_000));
            assertEquals(InetError.CLOSED, eof.reason());
        }
    }

    @Test
    void afterAHalfCloseThePeerStillTalksToUs() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            p.client().send("question");
            p.client().shutdown(ShutdownHow.WRITE);
            assertEquals(Bytes.latin1("question"), p.server().recv(8, 5000));
            InetException eof = assertThrows(InetException.class, () -> p.server().recv(0, 5000));
            assertEquals(InetError.CLOSED, eof.reason());
            InetException send = assertThrows(InetException.class, () -> p.client().send("more"));
            assertEquals(InetError.CLOSED, send.reason(), "no sending after shutdown(write)");
        }
        try (Loopback p = Loopback.open(List.of(binary(), active(false), dev.otpnet.inet.Options.exitOnClose(false)))) {
            p.client().shutdown(ShutdownHow.WRITE);
            assertThrows(InetException.class, () -> p.server().recv(0, 5000));
            p.server().send("answer");
            assertEquals(Bytes.latin1("answer"), p.client().recv(6, 5000));
        }
    }

    @Test
    void shutdownReadEndsReceivingAndWithExitOnCloseTheSocket() throws Exception {
        // As erl does: recv is closed, and exit_on_close (the default) then closes the socket.
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            p.server().shutdown(ShutdownHow.READ);
            InetException e = assertThrows(InetException.class, () -> p.server().recv(0, 5000));
            assertEquals(InetError.CLOSED, e.reason());
            InetException send = assertThrows(InetException.class, () -> p.server().send("x"));
            assertEquals(InetError.CLOSED, send.reason());
            InetException peer = assertThrows(InetException.class, () -> p.client().recv(0, 5000));
            assertEquals(InetError.CLOSED, peer.reason());
        }
        // With {exit_on_close, false} the socket keeps sending.
        try (Loopback p = Loopback.open(List.of(binary(), active(false), dev.otpnet.inet.Options.exitOnClose(false)))) {
            p.server().shutdown(ShutdownHow.READ);
            InetException e = assertThrows(InetException.class, () -> p.server().recv(0, 5000));
            assertEquals(InetError.CLOSED, e.reason());
            p.server().send("still sending");
            assertEquals(Bytes.latin1("still sending"), p.client().recv(13, 5000));
        }
    }

    @Test
    void shutdownReadWriteEndsBothDirections() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            p.server().shutdown(ShutdownHow.READ_WRITE);
            InetException peer = assertThrows(InetException.class, () -> p.client().recv(0, 5000));
            assertEquals(InetError.CLOSED, peer.reason(), "the peer sees our FIN");
            InetException send = assertThrows(InetException.class, () -> p.server().send("x"));
            assertEquals(InetError.CLOSED, send.reason());
        }
    }

    @Test
    void delaySendStillDeliversEverythingInOrder() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false), packet(2)),
                List.of(binary(), packet(2), dev.otpnet.inet.Options.delaySend(true)))) {
            for (int i = 0; i < 200; i++) {
                p.client().send("d" + i);
            }
            for (int i = 0; i < 200; i++) {
                assertEquals(Bytes.latin1("d" + i), p.server().recv(0, 5000));
            }
        }
    }

    @Test
    void sendPendReportsBytesQueuedForAStalledPeer() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false), recbuf(16384)),
                List.of(binary(), sendTimeout(60_000), highWatermark(Integer.MAX_VALUE), sndbuf(16384)))) {
            p.client().send(new byte[4 * 1024 * 1024]);
            Eventually.until("the kernel buffers fill", () -> {
                try {
                    return p.client().getstat().sendPend() > 0;
                } catch (InetException e) {
                    return false;
                }
            });
            assertTrue(p.client().getstat().sendPend() <= 4 * 1024 * 1024);
        }
    }

    @Test
    void getstatCountsBytesAndPacketsBothWays() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), packet(2), active(false)))) {
            p.client().send(new byte[10]);
            p.client().send(new byte[30]);
            p.server().recv(0, 5000);
            p.server().recv(0, 5000);
            Stats c = p.client().getstat();
            assertEquals(2, c.sendCnt());
            assertEquals(44, c.sendOct(), "two 2-byte headers and 40 bytes");
            assertEquals(32, c.sendMax());
            assertEquals(22, c.sendAvg());
            assertEquals(0, c.sendPend());
            Stats s = p.server().getstat();
            assertEquals(44, s.recvOct());
            assertEquals(2, s.recvCnt());
            assertEquals(32, s.recvMax());
            assertTrue(s.toString().startsWith("[{recv_oct,44},{recv_cnt,2},{recv_max,32},{recv_avg,22},"), s.toString());
        }
    }
}
