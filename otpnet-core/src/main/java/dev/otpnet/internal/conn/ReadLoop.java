package dev.otpnet.internal.conn;


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
            r.buffer.releaseAll(!r.reading);
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
            // r.reading: the owner's recv is reading the wire itself (see RecvQueue).
            if (r.reading || r.readEnd != null || r.buffer.buffered() >= r.readTarget) {
                r.buffer.releaseIfEmpty();
                r.awaitWanted();
                continue;
            }
            r.readOnce();
        }
    }
}
