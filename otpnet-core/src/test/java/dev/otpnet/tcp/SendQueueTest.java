package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.highWatermark;
import static dev.otpnet.inet.Options.linger;
import static dev.otpnet.inet.Options.lowWatermark;
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
import dev.otpnet.testing.Mailbox;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
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
    void aSendToAPeerThatDoesNotReadReturnsOnceTheBytesAreQueued() throws Exception {
        // Erlang's pattern for dropping such a peer: send, {linger,{true,0}}, close. It must reach the close.
        try (Loopback p = Loopback.open(List.of(binary(), active(false), recbuf(16384)),
                List.of(binary(), sndbuf(16384)))) {
            AtomicReference<String> outcome = new AtomicReference<>();
            AtomicLong pendAfterSend = new AtomicLong(-1);
            Proc.spawn(() -> {
                try {
                    p.client().send(new byte[1024 * 1024]);
                    pendAfterSend.set(p.client().getstat().sendPend());
                    p.client().setopts(List.of(linger(true, 0)));
                    p.client().close();
                    outcome.set("closed");
                } catch (InetException e) {
                    outcome.set("failed " + e);
                }
            });
            Eventually.until("the sender reaches the close", Duration.ofSeconds(20), () -> outcome.get() != null);
            assertEquals("closed", outcome.get());
            assertTrue(pendAfterSend.get() > 0, "the kernel cannot have taken 1 MiB: the rest was queued");
            InetException reset = assertThrows(InetException.class, () -> {
                while (true) {
                    p.server().recv(0, Mailbox.DEADLINE_MS);
                }
            });
            assertEquals(InetError.CLOSED, reset.reason(), "the peer sees the abort");
        }
    }

    @Test
    void sendersWaitOnlyWhileTheQueueIsAboveTheHighWatermark() throws Exception {
        int chunk = 16 * 1024;
        int chunks = 200;
        int high = 64 * 1024;
        try (Loopback p = Loopback.open(List.of(binary(), active(false), recbuf(16384)),
                List.of(binary(), sndbuf(16384), highWatermark(high), lowWatermark(32 * 1024)))) {
            AtomicInteger sent = new AtomicInteger();
            AtomicReference<InetException> failed = new AtomicReference<>();
            Proc.spawn(() -> {
                try {
                    for (int i = 0; i < chunks; i++) {
                        p.client().send(new byte[chunk]);
                        sent.incrementAndGet();
                    }
                } catch (InetException e) {
                    failed.set(e);
                }
            });
            long[] maxPend = {0};
            Eventually.until("the queue passes the high watermark", () -> {
                long pend = pend(p.client());
                maxPend[0] = Math.max(maxPend[0], pend);
                return pend > high;
            });
            assertTrue(sent.get() < chunks, "the sender is held back, not done: " + sent.get());
            assertTrue(maxPend[0] <= high + chunk, "queued " + maxPend[0] + ": more than the watermark and one send");
            long received = 0;
            while (received < (long) chunk * chunks) {
                received += ((Bytes) p.server().recv(0, Mailbox.DEADLINE_MS)).size();
                maxPend[0] = Math.max(maxPend[0], pend(p.client()));
            }
            assertEquals((long) chunk * chunks, received);
            // The last send returns once its bytes are queued: the peer may read them before the
            // sender has counted it.
            Eventually.until("the sender counts its last send", () -> sent.get() == chunks);
            assertEquals(null, failed.get());
            assertTrue(maxPend[0] <= high + chunk, "queued " + maxPend[0] + ": more than the watermark and one send");
        }
    }

    private static long pend(TcpSocket s) {
        try {
            return s.getstat().sendPend();
        } catch (InetException e) {
            return -1;
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
