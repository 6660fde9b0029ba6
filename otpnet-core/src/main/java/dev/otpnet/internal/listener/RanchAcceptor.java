package dev.otpnet.internal.listener;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.ProcessExit;
import dev.otpnet.tcp.TcpListenSocket;
import dev.otpnet.tcp.TcpSocket;
import java.lang.System.Logger.Level;

/**
 * Ranch's {@code ranch_acceptor}: a process that accepts connections on one listen socket, forever.
 *
 * <p>Each turn it first takes a connection permit (waiting while the listener is full), then
 * accepts, then hands the socket and the permit to the connection supervisor and goes round again;
 * it never runs a handshake or reads a byte. If accept fails the permit goes straight back: for
 * {@code emfile}/{@code enfile} after the 100 ms pause of {@link AcceptBackoff}, for a closed listen
 * socket by exiting (the supervisor decides), for anything else (a connection reset before we took
 * it) at once. A permit is released by this process exactly when it did not hand it over.
 */
final class RanchAcceptor {
    private RanchAcceptor() {
    }

    static Pid startLink(ListenerState st, TcpListenSocket listenSocket) {
        return Proc.spawnLink(() -> loop(st, listenSocket));
    }

    private static void loop(ListenerState st, TcpListenSocket ls) {
        while (true) {
            Permits.Permit permit;
            try {
                permit = st.permits.acquire();
            } catch (InterruptedException e) {
                // Told to stop: an exit signal interrupts the thread. We hold no permit.
                throw new ProcessExit(ExitReason.SHUTDOWN);
            }
            long pause = 0;
            boolean handed = false;
            TcpSocket s = null;
            try {
                s = ls.accept();
                st.backoff.succeeded();
                Pid connsSup = st.connsSupForNext();
                ListenerEvents.accepted(st.name, s, st.permits.inUse());
                s.controllingProcess(connsSup);
                connsSup.send(new RanchConnsSup.StartProtocol(s, permit));
                handed = true;
            } catch (InetException e) {
                if (s != null) {
                    // The accepted socket failed the hand-over (its peer already left): drop it.
                    ListenerState.LOG.log(Level.DEBUG, () -> "listener " + st.name + ": dropped a connection "
                            + "that closed before the hand-over: " + e.reason());
                } else if (AcceptBackoff.isDescriptorShortage(e.reason())) {
                    pause = st.backoff.failed(e.reason(), st.activeConnections());
                } else if (e.reason() == InetError.CLOSED) {
                    throw new ProcessExit(InetError.CLOSED);
                } else {
                    ListenerState.LOG.log(Level.DEBUG, () -> "listener " + st.name + ": accept failed: " + e.reason());
                }
            } finally {
                if (!handed) {
                    // Accept failed, the peer left before the hand-over, or we were killed on the way:
                    // nobody else knows of this socket or this permit.
                    if (s != null) {
                        s.close();
                    }
                    permit.release();
                }
            }
            if (pause > 0) {
                Proc.receive(m -> false, pause);
            }
        }
    }
}
