package dev.otpnet.internal.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.sendTimeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.internal.conn.Detached;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.internal.wire.PolledWire;
import dev.otpnet.internal.wire.TcpWire;
import dev.otpnet.internal.wire.Wire;
import dev.otpnet.process.Proc;
import dev.otpnet.tcp.TcpSocket;
import dev.otpnet.testing.Eventually;
import dev.otpnet.testing.Loopback;
import dev.otpnet.testing.Mailbox;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A socket's own threads never die unheard. A wire that throws an {@link Error} stands for what a
 * real one can meet (memory running out while a read or write copies): the owner must hear it,
 * the connection must close, and no sender may stay blocked. Both readers are tried: the reader
 * thread of a blocking wire, and the pump of a polled one, which reads on the wire poller's
 * thread (which must survive for every other socket).
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ThreadFailureTest {

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    @Test
    void anErrorInTheReaderReachesTheOwnerAsErrorThenClosed() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            Detached d = TcpSockets.conn(p.server()).detach();
            Faulty wire = new Faulty(d.wire(), true, false);
            TcpSocket s = TcpSockets.open(wire, d.kernel(), d.settings(), ProcessCore.current());
            s.setopts(List.of(active(true)));
            p.client().send("anything");
            assertEquals(new SocketMessage.Error(s, Posix.ENOMEM), Mailbox.nextSocketMessage());
            assertEquals(new SocketMessage.Closed(s), Mailbox.nextSocketMessage());
            assertFalse(wire.isOpen(), "the descriptor is closed");
            // The reader closes the socket (exit_on_close) just after it delivered Closed.
            Eventually.until("the socket closes", () -> !s.isOpen());
            InetException peer = assertThrows(InetException.class, () -> p.client().recv(0, Mailbox.DEADLINE_MS));
            assertEquals(InetError.CLOSED, peer.reason(), "the peer sees the connection go");
        }
    }

    @Test
    void anErrorInAPassiveReaderIsRecvsReason() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            Detached d = TcpSockets.conn(p.server()).detach();
            Faulty wire = new Faulty(d.wire(), true, false);
            TcpSocket s = TcpSockets.open(wire, d.kernel(), d.settings(), ProcessCore.current());
            p.client().send("anything");
            InetException e = assertThrows(InetException.class, () -> s.recv(0, Mailbox.DEADLINE_MS));
            assertEquals(Posix.ENOMEM, e.reason());
            assertFalse(wire.isOpen(), "the descriptor is closed");
            assertFalse(s.isOpen(), "exit_on_close: the socket closed after reporting");
        }
    }

    @Test
    void anErrorInTheDrainerWakesSendersAndClosesTheConnection() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            Detached d = TcpSockets.conn(p.server()).detach();
            Faulty wire = new Faulty(d.wire(), false, true);
            TcpSocket s = TcpSockets.open(wire, d.kernel(), d.settings(), ProcessCore.current());
            s.setopts(List.of(sendTimeout(60_000))); // every send goes through the drainer thread
            s.send("first");
            Eventually.until("the drainer's failure closes the connection", () -> !wire.isOpen());
            InetException e = assertThrows(InetException.class, () -> s.send("second"));
            assertEquals(InetError.CLOSED, e.reason());
            InetException peer = assertThrows(InetException.class, () -> p.client().recv(0, Mailbox.DEADLINE_MS));
            assertEquals(InetError.CLOSED, peer.reason(), "the peer sees the connection go");
        }
    }

    @Test
    void anErrorInAFastPathWriteGoesToTheCallerAndLaterSendsSeeClosed() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            Detached d = TcpSockets.conn(p.server()).detach();
            Faulty wire = new Faulty(d.wire(), false, true);
            TcpSocket s = TcpSockets.open(wire, d.kernel(), d.settings(), ProcessCore.current());
            OutOfMemoryError oom = assertThrows(OutOfMemoryError.class, () -> s.send("first"));
            assertEquals("test: no memory to write", oom.getMessage());
            assertFalse(wire.isOpen(), "the connection is aborted");
            InetException e = assertThrows(InetException.class, () -> s.send("second"));
            assertEquals(InetError.CLOSED, e.reason());
        }
    }

    @Test
    void anErrorInAPolledReadOnThePollerReachesTheOwnerAndThePollerLivesOn() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)));
                Loopback other = Loopback.open(List.of(binary(), active(false)))) {
            Detached d = TcpSockets.conn(p.server()).detach();
            FaultyPolled wire = new FaultyPolled(TcpWire.polled(((TcpWire) d.wire()).channel()), true, false);
            TcpSocket s = TcpSockets.open(wire, d.kernel(), d.settings(), ProcessCore.current());
            s.setopts(List.of(active(true))); // nothing to read yet: armed, the poller reads later
            p.client().send("anything");
            assertEquals(new SocketMessage.Error(s, Posix.ENOMEM), Mailbox.nextSocketMessage());
            assertEquals(new SocketMessage.Closed(s), Mailbox.nextSocketMessage());
            assertFalse(wire.isOpen(), "the descriptor is closed");
            Eventually.until("the socket closes", () -> !s.isOpen());
            InetException peer = assertThrows(InetException.class, () -> p.client().recv(0, Mailbox.DEADLINE_MS));
            assertEquals(InetError.CLOSED, peer.reason(), "the peer sees the connection go");
            // Another polled socket is still served by the same poller.
            other.server().setopts(List.of(active(true)));
            other.client().send("still here");
            SocketMessage m = Mailbox.nextSocketMessage();
            assertEquals(new SocketMessage.Data(other.server(), dev.otpnet.inet.Bytes.latin1("still here")), m);
        }
    }

    @Test
    void anErrorInAPolledPassiveReadIsRecvsReason() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            Detached d = TcpSockets.conn(p.server()).detach();
            FaultyPolled wire = new FaultyPolled(TcpWire.polled(((TcpWire) d.wire()).channel()), true, false);
            TcpSocket s = TcpSockets.open(wire, d.kernel(), d.settings(), ProcessCore.current());
            Thread.ofVirtual().start(() -> {
                try {
                    Eventually.until("recv waits", () -> wire.armed);
                    p.client().send("anything");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            InetException e = assertThrows(InetException.class, () -> s.recv(0, Mailbox.DEADLINE_MS));
            assertEquals(Posix.ENOMEM, e.reason());
            assertFalse(wire.isOpen(), "the descriptor is closed");
            assertFalse(s.isOpen(), "exit_on_close: the socket closed after reporting");
        }
    }

    @Test
    void anErrorInAPolledDrainerWakesSendersAndClosesTheConnection() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            Detached d = TcpSockets.conn(p.server()).detach();
            FaultyPolled wire = new FaultyPolled(TcpWire.polled(((TcpWire) d.wire()).channel()), false, true);
            TcpSocket s = TcpSockets.open(wire, d.kernel(), d.settings(), ProcessCore.current());
            s.setopts(List.of(sendTimeout(60_000)));
            s.send("first");
            Eventually.until("the drainer's failure closes the connection", () -> !wire.isOpen());
            InetException e = assertThrows(InetException.class, () -> s.send("second"));
            assertEquals(InetError.CLOSED, e.reason());
            InetException peer = assertThrows(InetException.class, () -> p.client().recv(0, Mailbox.DEADLINE_MS));
            assertEquals(InetError.CLOSED, peer.reason(), "the peer sees the connection go");
        }
    }

    @Test
    void aWireClosedUnderAPumpThatArmsEndsTheStreamAsAReadWould() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            Detached d = TcpSockets.conn(p.server()).detach();
            FaultyPolled wire = new FaultyPolled(TcpWire.polled(((TcpWire) d.wire()).channel()), false, false);
            wire.abortOnArm = true;
            TcpSocket s = TcpSockets.open(wire, d.kernel(), d.settings(), ProcessCore.current());
            s.setopts(List.of(active(true))); // nothing to read: the pump arms, and the wire is gone
            assertEquals(new SocketMessage.Closed(s), Mailbox.nextSocketMessage(),
                    "closed, as a read of the closed wire would say; not a fault of the reader");
            InetException peer = assertThrows(InetException.class, () -> p.client().recv(0, Mailbox.DEADLINE_MS));
            assertEquals(InetError.CLOSED, peer.reason(), "the peer sees the connection go");
        }
    }

    /** {@link Faulty} for a polled wire: its non-blocking reads throw, on whatever thread reads. */
    private static final class FaultyPolled implements PolledWire {
        private final TcpWire inner;
        private final Faulty faulty;
        private final boolean failReads;
        volatile boolean armed;
        /** Aborts the wire just before the first arm, as a drainer's failure or a send time-out may. */
        volatile boolean abortOnArm;

        FaultyPolled(TcpWire inner, boolean failReads, boolean failWrites) {
            this.inner = inner;
            this.faulty = new Faulty(inner, failReads, failWrites);
            this.failReads = failReads;
        }

        @Override
        public boolean isPolled() {
            return inner.isPolled();
        }

        @Override
        public void onReadable(Runnable callback) {
            inner.onReadable(callback);
        }

        @Override
        public void armRead() throws IOException {
            if (abortOnArm) {
                inner.abort();
            }
            inner.armRead();
            armed = true;
        }

        @Override
        public void disarmRead() {
            inner.disarmRead();
        }

        @Override
        public int readNow(ByteBuffer dst) throws IOException {
            int n = inner.readNow(dst);
            if (failReads && n > 0) {
                throw new OutOfMemoryError("test: no memory to read");
            }
            return n;
        }

        @Override
        public void kick() {
            inner.kick();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return faulty.read(dst);
        }

        @Override
        public void write(ByteBuffer[] srcs) throws IOException {
            faulty.write(srcs);
        }

        @Override
        public long writeSome(ByteBuffer[] srcs) throws IOException {
            return faulty.writeSome(srcs);
        }

        @Override
        public void shutdownOutput() throws IOException {
            inner.shutdownOutput();
        }

        @Override
        public void shutdownInput() throws IOException {
            inner.shutdownInput();
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public void abort() {
            inner.abort();
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public SocketAddress localAddress() throws IOException {
            return inner.localAddress();
        }

        @Override
        public SocketAddress remoteAddress() throws IOException {
            return inner.remoteAddress();
        }
    }

    /** A wire that throws OutOfMemoryError on reads or writes, over a real one. */
    private static final class Faulty implements Wire {
        private final Wire inner;
        private final boolean failReads;
        private final boolean failWrites;

        Faulty(Wire inner, boolean failReads, boolean failWrites) {
            this.inner = inner;
            this.failReads = failReads;
            this.failWrites = failWrites;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = inner.read(dst);
            if (failReads && n > 0) {
                throw new OutOfMemoryError("test: no memory to read");
            }
            return n;
        }

        @Override
        public void write(ByteBuffer[] srcs) throws IOException {
            if (failWrites) {
                throw new OutOfMemoryError("test: no memory to write");
            }
            inner.write(srcs);
        }

        @Override
        public long writeSome(ByteBuffer[] srcs) throws IOException {
            if (failWrites) {
                throw new OutOfMemoryError("test: no memory to write");
            }
            return inner.writeSome(srcs);
        }

        @Override
        public void shutdownOutput() throws IOException {
            inner.shutdownOutput();
        }

        @Override
        public void shutdownInput() throws IOException {
            inner.shutdownInput();
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public void abort() {
            inner.abort();
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public SocketAddress localAddress() throws IOException {
            return inner.localAddress();
        }

        @Override
        public SocketAddress remoteAddress() throws IOException {
            return inner.remoteAddress();
        }
    }
}
