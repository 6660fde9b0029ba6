package dev.otpnet.internal.listener;

import dev.otpnet.inet.InetException;
import dev.otpnet.listener.Alarm;
import dev.otpnet.process.Exit;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.ProcessExit;
import dev.otpnet.internal.time.Deadline;
import dev.otpnet.tcp.TcpSocket;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranch's {@code ranch_conns_sup}: the special supervisor of a listener's connection processes.
 *
 * <p>As in Ranch it is a hand-written process, not a {@code supervisor}, because it does what a
 * supervisor does not: it counts. It starts each connection process linked to itself, as a
 * temporary child (never restarted), gives it the socket, and when the process is dead (its
 * {@code EXIT} arrives: this process traps exits) gives back the connection's permit. So a permit
 * comes back however a connection ends: a failed TLS handshake, a bad PROXY header, a handler that
 * returned or crashed in its first line, a kill.
 *
 * <p>When its parent, the listener supervisor, exits, it stops its children as a supervisor
 * would with the listener's {@code shutdown} time: {@code shutdown} exit signals, then {@code kill}
 * for those still alive at the deadline (at once for {@code brutal_kill}, a time of 0).
 */
public final class RanchConnsSup {

    /** From an acceptor: a new connection, owned by this process now, and its permit. */
    record StartProtocol(TcpSocket socket, Permits.Permit permit) {
    }

    /** To a new connection process: its socket, now owned by it (Ranch's {@code handshake} message). */
    record Shoot(TcpSocket socket) {
    }

    /** From a connection process: stop counting me (Ranch's {@code remove_connection}). */
    record RemoveConnection(Pid pid) {
    }

    private RanchConnsSup() {
    }

    /** Starts the connection supervisor linked to the caller, the listener supervisor. */
    public static Pid startLink(ListenerState st) {
        // A restart after a crash: the old supervisor's connections die with it (they were linked);
        // their permits would be lost with it, so they come back here.
        for (ConnRecord r : List.copyOf(st.conns.values())) {
            Proc.exit(r.pid, ExitReason.KILL);
            r.permit.release();
        }
        st.conns.clear();
        Pid parent = Proc.self();
        Pid pid = Proc.spawnLink(() -> loop(st, parent));
        st.connsSup = pid;
        return pid;
    }

    private static void loop(ListenerState st, Pid parent) {
        Proc.trapExit(true);
        while (true) {
            switch (Proc.receive()) {
                case StartProtocol(TcpSocket socket, Permits.Permit permit) -> start(st, socket, permit);
                case Exit(Pid from, Object reason) when st.conns.containsKey(from) -> ended(st, from, reason);
                case Exit(Pid from, Object reason) when from.equals(parent) -> shutdown(st, reason);
                case RemoveConnection(Pid pid) -> {
                    ConnRecord r = st.conns.get(pid);
                    if (r != null && !r.removed) {
                        r.removed = true;
                        r.permit.release();
                        st.signal();
                    }
                }
                case Object other -> ListenerState.LOG.log(Level.DEBUG,
                        () -> "listener " + st.name + ": connection supervisor ignored " + other);
            }
        }
    }

    private static void start(ListenerState st, TcpSocket socket, Permits.Permit permit) {
        Pid pid = Proc.spawnLink(() -> RanchConnection.run(st));
        st.conns.put(pid, new ConnRecord(pid, permit, socket));
        try {
            socket.controllingProcess(pid);
        } catch (InetException e) {
            socket.close(); // the peer went away already; the process finds the socket closed and ends
        }
        pid.send(new Shoot(socket));
        st.signal();
        alarms(st);
    }

    private static void ended(ListenerState st, Pid from, Object reason) {
        ConnRecord r = st.conns.remove(from);
        r.permit.release();
        st.signal();
        long in = r.last == null ? 0 : r.last.recvOct();
        long out = r.last == null ? 0 : r.last.sendOct();
        ListenerEvents.connectionEnded(st.name, r.peer, String.valueOf(reason), in, out);
    }

    private static void alarms(ListenerState st) {
        List<Alarm> alarms = st.settings.alarms();
        if (alarms.isEmpty()) {
            return;
        }
        int live = st.activeConnections();
        long now = System.nanoTime();
        for (int i = 0; i < alarms.size(); i++) {
            Alarm a = alarms.get(i);
            boolean cooled = st.alarmFired[i] == 0 || now - st.alarmFired[i] >= a.cooldownMillis() * 1_000_000;
            if (live >= a.threshold() && cooled) {
                st.alarmFired[i] = now == 0 ? 1 : now;
                List<Pid> pids = List.copyOf(st.conns.keySet());
                Pid self = Proc.self();
                Proc.spawn(() -> a.callback().fire(st.name, a.name(), self, pids));
            }
        }
    }

    private static void shutdown(ListenerState st, Object reason) {
        long ms = st.settings.shutdownMillis();
        for (Pid pid : List.copyOf(st.conns.keySet())) {
            Proc.exit(pid, ms == 0 ? ExitReason.KILL : ExitReason.SHUTDOWN);
        }
        Deadline deadline = Deadline.after(ms);
        awaitExits(st, deadline);
        if (!st.conns.isEmpty()) {
            for (Pid pid : List.copyOf(st.conns.keySet())) {
                Proc.exit(pid, ExitReason.KILL);
            }
            awaitExits(st, Deadline.after(5000));
        }
        for (ConnRecord r : new ArrayList<>(st.conns.values())) {
            r.permit.release();
        }
        // Connections handed over by acceptors and not started yet: close them, give their permits back.
        java.util.Optional<StartProtocol> queued;
        while ((queued = Proc.receive(StartProtocol.class, 0)).isPresent()) {
            queued.get().socket().close();
            queued.get().permit().release();
        }
        st.conns.clear();
        st.signal();
        throw new ProcessExit(reason);
    }

    private static void awaitExits(ListenerState st, Deadline deadline) {
        while (!st.conns.isEmpty() && !deadline.expired()) {
            Proc.receive(Exit.class, deadline.remainingMillis()).ifPresent(e -> {
                if (st.conns.containsKey(e.from())) {
                    ended(st, e.from(), e.reason());
                }
            });
        }
    }
}
