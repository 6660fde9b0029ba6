package dev.otpnet.internal.socket;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Reason;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.process.Ref;
import dev.otpnet.socket.SelectInfo;

/** {@code close}, {@code cancel}, {@code monitor} and {@code cancel_monitor}. */
public final class Control {
    private Control() {
    }

    /** {@code socket:close(Socket)}: {@code closed} if it already was. */
    public static void close(SocketCore s) throws InetException {
        if (!s.close()) {
            throw new InetException(InetError.CLOSED);
        }
    }

    /**
     * {@code socket:cancel(Socket, SelectInfo)}: withdraws a pending {@code nowait} call, after which no
     * {@code Select} for it arrives. {@code {invalid, SelectInfo}} if it is not pending (its
     * {@code Select} was already sent, or it was cancelled).
     */
    public static void cancel(SocketCore s, SelectInfo info) throws InetException {
        s.checkOpen();
        Waiter.Selecting w = s.selecting(info.handle());
        if (w == null || !w.cancel()) {
            throw new InetException(new Reason.Tagged("invalid", info));
        }
        s.unpark(w);
    }

    public static Ref monitor(SocketCore s) {
        return s.monitor(ProcessCore.current());
    }

    /** {@code socket:cancel_monitor(Ref)}: true if it was a live socket monitor. */
    public static boolean cancelMonitor(Ref r) {
        SocketCore s = SocketRegistry.monitored(r);
        return s != null && s.demonitor(r);
    }
}
