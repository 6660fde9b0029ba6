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
        return s.monitors.add(ProcessCore.current(), s);
    }

    /** {@code socket:cancel_monitor(Ref)}: true if it was a live socket monitor. */
    public static boolean cancelMonitor(Ref r) {
        SocketCore s = SocketRegistry.monitored(r);
        return s != null && s.monitors.remove(r);
    }

    /** {@code socket:number_of_monitors()}: every active socket monitor. */
    public static int numberOfMonitors() {
        return SocketRegistry.monitorCount();
    }

    /** {@code socket:monitored_by(Socket)}: the watching processes. */
    public static java.util.List<dev.otpnet.process.Pid> monitoredBy(SocketCore s) {
        return s.monitors.watchers();
    }

    /** {@code socket:which_monitors(Socket)}: the references of the socket's monitors. */
    public static java.util.List<Ref> whichMonitors(SocketCore s) {
        return s.monitors.refs(null);
    }

    /** {@code socket:which_monitors(Pid)}: the references of the socket monitors {@code pid} holds. */
    public static java.util.List<Ref> whichMonitors(dev.otpnet.process.Pid pid) {
        java.util.List<Ref> out = new java.util.ArrayList<>();
        for (SocketCore s : SocketRegistry.open()) {
            out.addAll(s.monitors.refs(pid));
        }
        return out;
    }
}
