package dev.otpnet.internal.socket;

import dev.otpnet.inet.InetError;
import dev.otpnet.internal.process.ExitHook;
import dev.otpnet.internal.process.ProcessCore;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Ref;
import dev.otpnet.socket.Down;
import dev.otpnet.socket.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A socket's monitors: who gets {@link Down} when it closes. A monitor ends when it fires, when it is
 * cancelled, or when the watching process exits (as Erlang drops a dead process's monitors).
 */
final class SocketMonitors {
    private record Watch(ProcessCore watcher, ExitHook hook) {
    }

    private final Socket socket;
    private final Map<Ref, Watch> watches = new LinkedHashMap<>();
    private boolean fired;

    SocketMonitors(Socket socket) {
        this.socket = socket;
    }

    /** A new monitor for {@code watcher}; if the socket already closed, its {@code Down} goes at once. */
    Ref add(ProcessCore watcher, SocketCore owner) {
        Ref r = Ref.make();
        synchronized (this) {
            if (!fired) {
                ExitHook hook = watcher.onExit(reason -> remove(r));
                watches.put(r, new Watch(watcher, hook));
                SocketRegistry.monitorAdded(r, owner);
                return r;
            }
        }
        watcher.deliver(new Down(r, socket, InetError.CLOSED));
        return r;
    }

    /** Cancels one monitor; false if it was not active. */
    boolean remove(Ref r) {
        Watch w;
        synchronized (this) {
            w = watches.remove(r);
        }
        SocketRegistry.monitorRemoved(r);
        if (w == null) {
            return false;
        }
        w.hook().cancel();
        return true;
    }

    /** The socket closed: every watcher gets its {@code Down}, once. */
    void fire() {
        Map<Ref, Watch> toTell;
        synchronized (this) {
            if (fired) {
                return;
            }
            fired = true;
            toTell = new LinkedHashMap<>(watches);
            watches.clear();
        }
        toTell.forEach((r, w) -> {
            SocketRegistry.monitorRemoved(r);
            w.hook().cancel();
            w.watcher().deliver(new Down(r, socket, InetError.CLOSED));
        });
    }

    synchronized int count() {
        return watches.size();
    }

    /** The monitors' references, or those {@code pid} holds (null: all). */
    synchronized List<Ref> refs(Pid pid) {
        List<Ref> out = new ArrayList<>();
        watches.forEach((r, w) -> {
            if (pid == null || w.watcher().pid().equals(pid)) {
                out.add(r);
            }
        });
        return out;
    }

    /** The processes watching, one entry per monitor. */
    synchronized List<Pid> watchers() {
        List<Pid> out = new ArrayList<>();
        watches.values().forEach(w -> out.add(w.watcher().pid()));
        return out;
    }
}
