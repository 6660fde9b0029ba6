package dev.otpnet.internal.conn;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Reason;
import dev.otpnet.inet.SocketMessage;

/**
 * Active mode: packets go to the owner's mailbox as {@code Data}, counted down by
 * {@code {active, once | N}} (then {@code Passive}), and the end of the stream as {@code Error}
 * (if there is one) then {@code Closed}, once.
 *
 * <p>Thread confinement: called by the reader under the receiver's lock, so a delivery and a
 * change of mode or owner never interleave.
 */
final class ActiveDelivery {
    private final Receiver r;

    ActiveDelivery(Receiver r) {
        this.r = r;
    }

    /** Decodes and delivers one packet to the owner; false when no whole packet is buffered. */
    boolean deliverOne(Settings s) {
        Object packet = r.decode(s, 0);
        if (packet == null) {
            return false;
        }
        Object data = Framer.present(s, packet);
        r.deliver(s.deliverTerm()
                ? new SocketMessage.Data(r.conn.handle(), data)
                : new SocketMessage.PortData(r.conn.handle(), data));
        Settings after = r.conn.afterDelivery(s);
        if (after != s) {
            r.conn.replaceSettings(after);
            if (s.active() == ActiveMode.N && !after.isActive()) {
                r.deliver(new SocketMessage.Passive(r.conn.handle()));
            }
        }
        return true;
    }

    /** Reports the end of the stream: Error first if there is one, then Closed, once. */
    void deliverEnd(Settings s) {
        if (r.endReported) {
            return;
        }
        r.endReported = true;
        Reason error = r.framer.error() != null ? r.framer.error() : r.failureToReport(s);
        if (error != null) {
            r.deliver(new SocketMessage.Error(r.conn.handle(), error));
        }
        r.conn.peerClosed(error != null || r.closesAtEnd(s), new SocketMessage.Closed(r.conn.handle()));
    }
}
