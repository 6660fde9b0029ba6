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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
 * for those still alive at the deadline (at once for {@code brutal_kill}, a time of 0). With
 * {@code connection_type} {@code SUPERVISOR} there is no deadline: they are waited for, as OTP waits
 * for a supervisor child whose {@code shutdown} is {@code infinity}.
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

    /** Starts the only connection supervisor, linked to the caller, the listener supervisor. */
    public static Pid startLink(ListenerState st) {
        return startLink(st, 0);
    }

    /**
     * Starts connection supervisor {@code id} (of {@code num_conns_sups}), linked to the caller: the
     * listener supervisor, or {@code ranch_conns_sup_sup} when there are several.
     */
    static Pid startLink(ListenerState st, int id) {
        // A restart after a crash: the old supervisor's connections die with it (they were linked);
        // their permits would be lost with it, so they come back here.
        for (ConnRecord r : mine(st, id)) {
            Proc.exit(r.pid, ExitReason.KILL);
            r.permit.release();
            st.conns.remove(r.pid, r);
        }
        Pid parent = Proc.self();
        Pid pid = Proc.spawnLink(() -> loop(st, parent, id));
        st.connsSups.set(id, pid);
        if (id == 0) {
            st.connsSup = pid;
        }
        return pid;
    }

    /** The connections supervisor {@code id} started and still counts. */
    private static List<ConnRecord> mine(ListenerState st, int id) {
        return st.conns.values().stream().filter(r -> r.supId == id).toList();
    }

    private static void loop(ListenerState st, Pid parent, int id) {
        Proc.trapExit(true);
        while (true) {
            switch (Proc.receive()) {
                case StartProtocol(TcpSocket socket, Permits.Permit permit) -> start(st, socket, permit, id);
                case Exit(Pid from, Object reason) when st.conns.containsKey(from) -> ended(st, from, reason);
                case Exit(Pid from, Object reason) when from.equals(parent) -> shutdown(st, reason, id);
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

    private static void start(ListenerState st, TcpSocket socket, Permits.Permit permit, int id) {
        Pid pid = Proc.spawnLink(() -> RanchConnection.run(st));
        st.conns.put(pid, new ConnRecord(pid, permit, socket, id));
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
            boolean fire;
            synchronized (st.alarmFired) { // several connection supervisors may check at once
                Long fired = st.alarmFired.get(a.name());
                fire = live >= a.threshold() && (fired == null || now - fired >= a.cooldownMillis() * 1_000_000);
                if (fire) {
                    st.alarmFired.put(a.name(), now);
                }
            }
            if (fire) {
                List<Pid> pids = List.copyOf(st.conns.keySet());
                Pid self = Proc.self();
                Proc.spawn(() -> a.callback().fire(st.name, a.name(), self, pids));
            }
        }
    }

    private static void shutdown(ListenerState st, Object reason, int id) {
        long ms = st.connectionShutdownMillis();
        for (ConnRecord r : mine(st, id)) {
            Proc.exit(r.pid, ms == 0 ? ExitReason.KILL : ExitReason.SHUTDOWN);
        }
        Set<Pid> waiting = new HashSet<>();
        mine(st, id).forEach(r -> waiting.add(r.pid));
        awaitExits(st, waiting, Deadline.after(ms));
        if (!waiting.isEmpty()) {
            for (Pid pid : waiting) {
                Proc.exit(pid, ExitReason.KILL);
            }
            awaitExits(st, waiting, Deadline.after(5000));
        }
        for (ConnRecord r : mine(st, id)) {
            r.permit.release();
            st.conns.remove(r.pid, r);
        }
        // Connections handed over by acceptors and not started yet: close them, give their permits back.
        java.util.Optional<StartProtocol> queued;
        while ((queued = Proc.receive(StartProtocol.class, 0)).isPresent()) {
            queued.get().socket().close();
            queued.get().permit().release();
        }
        st.signal();
        throw new ProcessExit(reason);
    }

    private static void awaitExits(ListenerState st, Set<Pid> waiting, Deadline deadline) {
        while (!waiting.isEmpty() && !deadline.expired()) {
            Proc.receive(Exit.class, deadline.remainingMillis()).ifPresent(e -> {
                if (waiting.remove(e.from()) && st.conns.containsKey(e.from())) {
                    ended(st, e.from(), e.reason());
                }
            });
        }
    }
}
