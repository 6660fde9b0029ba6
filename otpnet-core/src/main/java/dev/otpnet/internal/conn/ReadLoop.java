package dev.otpnet.internal.conn;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.Reason;
import dev.otpnet.internal.wire.Failures;
import java.nio.ByteBuffer;

/**
 * The reader: one virtual thread per socket that reads the wire into the {@link ReceiveBuffer}
 * when someone wants bytes, and in active mode hands what it decodes to {@link ActiveDelivery}.
 *
 * <p>It never dies unheard: any throwable ends in {@link Receiver#fault}, which closes the
 * descriptor and tells the owner. When it ends, its buffers go with it.
 *
 * <p>Thread confinement: runs on its own thread, holding the receiver's lock except inside
 * {@code wire.read}.
 */
final class ReadLoop {
    private final Receiver r;
    private final ActiveDelivery active;

    ReadLoop(Receiver r, ActiveDelivery active) {
        this.r = r;
        this.active = active;
    }

    void run() {
        r.lock.lock();
        try {
            loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            r.fault(t);
        } finally {
            r.buffer.releaseAll(true);
            r.lock.unlock();
        }
    }

    private void loop() throws InterruptedException {
        while (!r.stopped) {
            Settings s = r.conn.settings();
            if (s.isActive()) {
                if (active.deliverOne(s)) {
                    continue;
                }
                if (r.readEnd != null || r.framer.error() != null) {
                    active.deliverEnd(s);
                    return;
                }
            }
            if (r.readEnd != null || r.buffer.buffered() >= r.readTarget) {
                r.buffer.releaseIfEmpty();
                r.awaitWanted();
                continue;
            }
            readChunk();
        }
    }

    /** Reads once from the wire into the buffer's free space, with the lock released during the read. */
    private void readChunk() {
        ByteBuffer space = r.buffer.space(r.readTarget, r.framer.exact());
        int offered = space.remaining();
        int n;
        Reason failure = null;
        r.reading = true;
        r.lock.unlock();
        try {
            n = r.conn.wire().read(space);
        } catch (Exception e) {
            n = -1;
            failure = Failures.classify(e);
        } finally {
            r.lock.lock();
            r.reading = false;
        }
        if (r.stopped) {
            return;
        }
        if (n > 0) {
            r.buffer.filled(n, offered);
            r.counters.addOctets(n);
        } else if (n < 0 && r.readEnd == null) {
            r.readEnd = failure == null ? InetError.CLOSED : failure;
        }
        r.changed.signalAll();
    }
}
