package dev.otpnet.internal.listener;

import dev.otpnet.listener.ListenerInfo.Status;
import dev.otpnet.otp.ChildInfo;
import dev.otpnet.otp.OtpException;
import dev.otpnet.otp.Supervisor;
import dev.otpnet.process.Pid;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranch 2.1's {@code stop_all_acceptors/0} and {@code restart_all_acceptors/0}: for every running
 * listener, terminate (then restart) each acceptor under its acceptors supervisor.
 *
 * <p>As in Ranch only the acceptor processes stop: the acceptors supervisor stays, and so do its
 * listen sockets, so clients connecting meanwhile wait in the kernel's backlog and are accepted
 * after the restart; live connections are not touched. An acceptor holds no permit once it is
 * gone ({@link RanchAcceptor} gives back the one it waited with). A suspended or draining listener
 * has no acceptors and is left as it is (Ranch would fail on it with a badmatch).
 */
public final class AllAcceptors {
    private AllAcceptors() {
    }

    /** Terminates every acceptor of every running listener. */
    public static void stop() {
        forEach(false);
    }

    /** Starts again every terminated acceptor of every running listener. */
    public static void restart() {
        forEach(true);
    }

    private static void forEach(boolean restart) {
        List<String> failed = new ArrayList<>();
        for (ListenerState st : RanchServer.all()) {
            Pid sup = st.acceptorsSup;
            if (st.status != Status.RUNNING || sup == null) {
                continue;
            }
            for (ChildInfo c : Supervisor.whichChildren(sup)) {
                try {
                    if (!restart) {
                        Supervisor.terminateChild(sup, c.id());
                    } else if (c.pid().isEmpty()) {
                        Supervisor.restartChild(sup, c.id());
                    }
                } catch (OtpException e) {
                    failed.add(st.name + " " + c.id() + ": " + e.reason());
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException((restart ? "restart" : "stop") + " of acceptors failed: " + failed);
        }
    }
}
