package dev.otpnet.internal.tls;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.internal.wire.Wire;
import dev.otpnet.ssl.AlertDescription;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The outbound half of {@link EngineIo}: wraps plaintext and the engine's own messages into
 * {@code netOut} and writes it to the lower wire. As many records as fit are wrapped before one
 * lower write. {@code netOut} is taken from {@link RecordBuffers#outbound} when a write starts and
 * given back when it ends empty, so an idle connection holds none; it is grown (a buffer of its
 * own) only when the engine needs more.
 *
 * <p>Everything here runs under {@code lock}, one writer at a time. A write that finds the
 * engine waiting for the peer's handshake messages releases the lock while it waits, so the
 * reader, which may need the lock to answer, is never blocked by it.
 */
final class Outbound {
    private static final ByteBuffer[] NO_DATA = {ByteBuffer.allocate(0)};

    /** Waits until the engine no longer needs the peer's handshake messages. */
    interface PeerWait {
        void await() throws IOException;
    }

    private final Wire lower;
    private final SSLEngine engine;
    private final ReentrantLock lock = new ReentrantLock();
    private final ByteBuffer[] outArray = new ByteBuffer[1];
    /** Null between writes. */
    private ByteBuffer netOut;
    private int packetBufferSize;
    private final boolean direct;
    private final RecordBuffers buffers;
    private volatile HandshakeObserver observer;

    Outbound(Wire lower, SSLEngine engine, HandshakeObserver observer, boolean direct) {
        this.lower = lower;
        this.direct = direct;
        this.buffers = RecordBuffers.outbound(direct);
        this.engine = engine;
        this.observer = observer;
        this.packetBufferSize = engine.getSession().getPacketBufferSize();
    }

    /** Under the lock, before netOut is used. */
    private void takeBuffer() {
        if (netOut == null) {
            netOut = buffers.take(2 * packetBufferSize);
        }
    }

    /** Under the lock, before it is released: an empty netOut goes back (one still holding bytes after a failure stays). */
    private void giveBuffer() {
        if (netOut != null && netOut.position() == 0) {
            buffers.give(netOut);
            netOut = null;
        }
    }

    void handshakeDone() {
        observer = null;
    }

    static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    void write(ByteBuffer[] srcs, PeerWait peer) throws IOException {
        lock.lock();
        try {
            while (hasRemaining(srcs)) {
                takeBuffer();
                SSLEngineResult r = engine.wrap(srcs, netOut);
                switch (r.getStatus()) {
                    case OK -> {
                        if (netOut.remaining() < packetBufferSize) {
                            flush();
                        }
                    }
                    case BUFFER_OVERFLOW -> makeRoom();
                    case CLOSED -> throw new InetException(InetError.CLOSED, "TLS output is closed", null);
                    case BUFFER_UNDERFLOW -> throw new IllegalStateException("wrap reported BUFFER_UNDERFLOW");
                }
                switch (r.getHandshakeStatus()) {
                    case NEED_TASK -> runTasks(engine);
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (r.bytesConsumed() == 0) {
                            flush();
                            giveBuffer();
                            lock.unlock();
                            try {
                                peer.await();
                            } finally {
                                lock.lock();
                            }
                        }
                    }
                    default -> { }
                }
            }
            if (netOut != null) {
                flush();
            }
        } finally {
            giveBuffer();
            lock.unlock();
        }
    }

    /** Wraps and sends what the engine wants to send of its own (handshake, alerts). */
    void wrapHandshake() throws IOException {
        lock.lock();
        try {
            takeBuffer();
            // netty's engine may ask for a wrap in a result (an alert to send after a failed
            // unwrap) while its own status says NOT_HANDSHAKING: a native engine always gets one
            boolean once = direct;
            while (once || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                once = false;
                SSLEngineResult r = engine.wrap(NO_DATA, netOut);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    makeRoom();
                    continue;
                }
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runTasks(engine);
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED || r.bytesProduced() == 0) {
                    break;
                }
            }
            flush();
        } finally {
            giveBuffer();
            lock.unlock();
        }
    }

    /**
     * Does what the engine asks after an unwrap, starting from the status {@code hs} the unwrap
     * reported: runs its tasks, wraps and sends its handshake records. Called by a reader with the
     * inbound lock held (lock order: in, then out); takes this side's lock only to write.
     *
     * @param mayWrite false for a read that must not wait: a write the engine wants is then left
     * @return false when a write was wanted and left; true when the engine wants nothing more
     */
    boolean answer(HandshakeStatus hs, boolean mayWrite) throws IOException {
        HandshakeStatus s = hs;
        while (true) {
            switch (s) {
                case NEED_TASK -> runTasks(engine);
                case NEED_WRAP -> {
                    if (!mayWrite) {
                        return false;
                    }
                    wrapHandshake();
                }
                default -> {
                    return true;
                }
            }
            s = engine.getHandshakeStatus();
        }
    }

    /**
     * Sends close_notify. With {@code wait} false it gives up at once when a writer holds the
     * outbound side (a close from another thread must not block behind a stuck write).
     *
     * @return whether close_notify was written
     */
    boolean closeOutbound(boolean wait) throws IOException {
        if (wait) {
            lock.lock();
        } else if (!lock.tryLock()) {
            return false;
        }
        try {
            takeBuffer();
            engine.closeOutbound();
            while (!engine.isOutboundDone()) {
                SSLEngineResult r = engine.wrap(NO_DATA, netOut);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    makeRoom();
                } else if (r.bytesProduced() == 0) {
                    break;
                }
            }
            flush();
            return true;
        } finally {
            giveBuffer();
            lock.unlock();
        }
    }

    /**
     * After a failure, sends the alert the engine prepared, if it prepared one; never throws.
     *
     * @param description when not null, the alert otpnet decided on: an alert the engine sends in
     *                    the clear (a TLS 1.2 handshake before ChangeCipherSpec) goes out with it,
     *                    since the JDK's engine says certificate_unknown for most certificates its
     *                    trust manager refuses where Erlang names the reason (unknown_ca,
     *                    handshake_failure...). An encrypted alert goes as the engine made it.
     */
    void sendPendingAlert(AlertDescription description) {
        if (!lock.tryLock()) {
            return;
        }
        try {
            takeBuffer();
            for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                SSLEngineResult r = engine.wrap(NO_DATA, netOut);
                if (r.bytesProduced() == 0) {
                    break;
                }
            }
            if (description != null) {
                TlsRecords.replacePlaintextAlerts(netOut, netOut.position(), description);
            }
            flush();
        } catch (IOException | RuntimeException e) {
            // the connection is failing already; the alert is a courtesy
        } finally {
            giveBuffer();
            lock.unlock();
        }
    }

    private void makeRoom() throws IOException {
        if (netOut.position() > 0) {
            flush();
        } else {
            packetBufferSize = Math.max(packetBufferSize, engine.getSession().getPacketBufferSize());
            ByteBuffer empty = netOut;
            netOut = buffers.take(Math.max(netOut.capacity() * 2, 2 * packetBufferSize));
            buffers.give(empty);
        }
    }

    private void flush() throws IOException {
        if (netOut.position() == 0) {
            return;
        }
        netOut.flip();
        try {
            HandshakeObserver o = observer;
            if (o != null) {
                o.outbound(netOut.duplicate());
            }
            outArray[0] = netOut;
            lower.write(outArray);
        } finally {
            outArray[0] = null;
            netOut.clear();
        }
    }

    private static boolean hasRemaining(ByteBuffer[] srcs) {
        for (ByteBuffer b : srcs) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
