package dev.otpnet.internal.listener;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Reason;
import dev.otpnet.listener.ListenerInfo;
import dev.otpnet.listener.ListenerInfo.Status;
import dev.otpnet.otp.ChildSpec;
import dev.otpnet.otp.Name;
import dev.otpnet.otp.OtpException;
import dev.otpnet.otp.Strategy;
import dev.otpnet.otp.SupFlags;
import dev.otpnet.otp.Supervisor;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ranch's {@code ranch_server} and {@code ranch_sup}: the table of listeners by name, and the one
 * supervisor every listener runs under, so a listener outlives the process that started it.
 */
public final class RanchServer {
    static final String SUP_NAME = "otpnet_ranch_sup";
    private static final Map<String, ListenerState> LISTENERS = new ConcurrentHashMap<>();
    private static final Object START = new Object();

    private RanchServer() {
    }

    /** The listener named {@code name}; a caller's mistake if there is none. */
    public static ListenerState get(String name) {
        ListenerState st = LISTENERS.get(name);
        if (st == null) {
            throw new IllegalArgumentException("No listener named \"" + name + "\" is running.");
        }
        return st;
    }

    public static List<ListenerState> all() {
        return List.copyOf(LISTENERS.values());
    }

    private static Pid sup() throws OtpException {
        synchronized (START) {
            var running = Proc.whereis(SUP_NAME);
            if (running.isPresent()) {
                return running.get();
            }
            return Supervisor.start(Name.local(SUP_NAME), SupFlags.of(Strategy.ONE_FOR_ONE).withIntensity(10)
                    .withPeriod(Duration.ofSeconds(10)), List.of());
        }
    }

    /** The child spec of one listener (Ranch's {@code child_spec/5}), for this or a user's supervisor. */
    public static ChildSpec childSpec(ListenerState st) {
        return ChildSpec.supervisor(List.of("ranch_listener_sup", st.name), extra -> {
            ListenerState other = LISTENERS.putIfAbsent(st.name, st);
            if (other != null && other != st) {
                throw new InetException(new Reason.Tagged("already_started", st.name), "a listener of that name runs",
                        null);
            }
            Pid pid = RanchListenerSup.startLink(st);
            // Under a user's supervisor nobody calls stop: forget the name when this tree is gone
            // (unless a restart has already put a new one in its place).
            Proc.spawn(() -> {
                Proc.monitor(pid);
                Proc.receive(dev.otpnet.process.Down.class);
                if (pid.equals(st.listenerSup)) {
                    LISTENERS.remove(st.name, st);
                }
            });
            return pid;
        });
    }

    /** Ranch's {@code start_listener/5}. */
    public static Pid start(ListenerState st) throws InetException {
        if (LISTENERS.putIfAbsent(st.name, st) != null) {
            throw new InetException(new Reason.Tagged("already_started", st.name), "a listener of that name runs", null);
        }
        try {
            return Supervisor.startChild(sup(), childSpec(st));
        } catch (OtpException e) {
            LISTENERS.remove(st.name, st);
            if (st.listenError != null) {
                throw st.listenError;
            }
            throw new InetException(new Reason.Tagged("listener", e.reason()), "the listener did not start", e);
        }
    }

    /** Ranch's {@code stop_listener/1}: the whole tree stops, connections get the shutdown time. */
    public static void stop(String name) {
        ListenerState st = get(name);
        Object id = List.of("ranch_listener_sup", name);
        Pid sup;
        try {
            sup = sup();
            Supervisor.terminateChild(sup, id);
        } catch (OtpException e) {
            throw new IllegalArgumentException("Listener \"" + name + "\" runs under your own supervisor (childSpec); "
                    + "stop it there with Supervisor.terminateChild.", e);
        }
        try {
            Supervisor.deleteChild(sup, id);
        } catch (OtpException e) {
            throw new IllegalStateException("a terminated child could not be deleted: " + e.reason(), e);
        } finally {
            st.listenSockets.forEach(s -> s.close());
            st.permits.releaseAll();
            st.status = Status.SUSPENDED;
            LISTENERS.remove(name, st);
        }
    }

    /** Ranch's {@code suspend_listener/1}: acceptors stop, listen sockets close, connections stay. */
    public static void suspend(String name) throws InetException {
        ListenerState st = get(name);
        if (st.status != Status.RUNNING) {
            return;
        }
        try {
            Supervisor.terminateChild(st.listenerSup, RanchAcceptorsSup.ID);
        } catch (OtpException e) {
            throw new InetException(new Reason.Tagged("suspend", e.reason()), null, e);
        }
        st.listenSockets.forEach(s -> s.close());
        st.status = Status.SUSPENDED;
    }

    /** Ranch's {@code resume_listener/1}: listens again on the same port and starts the acceptors. */
    public static void resume(String name) throws InetException {
        ListenerState st = get(name);
        if (st.status == Status.RUNNING) {
            return;
        }
        try {
            Supervisor.restartChild(st.listenerSup, RanchAcceptorsSup.ID);
        } catch (OtpException e) {
            if (st.listenError != null) {
                throw st.listenError;
            }
            throw new InetException(new Reason.Tagged("resume", e.reason()), null, e);
        }
        st.status = Status.RUNNING;
    }

    /** Ranch's {@code remove_connection/1}, for connection process {@code pid}. */
    public static void removeConnection(String name, Pid pid) {
        Proc.send(get(name).connsSupOf(pid), new RanchConnsSup.RemoveConnection(pid));
    }

    /** Ranch's {@code info/1}. */
    public static ListenerInfo info(ListenerState st) {
        return ConnInfos.info(st);
    }
}
