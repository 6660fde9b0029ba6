package dev.otpnet.internal.process;

import dev.otpnet.process.Pid;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live processes; each has a number that is never reused. A set, not a map by number: nothing
 * looks a process up by its number, and a boxed key would cost every process 24 bytes more.
 * Thread-safe.
 */
public final class ProcessTable {

    private static final AtomicLong NEXT_ID = new AtomicLong(1);
    private static final Set<ProcessCore> LIVE = ConcurrentHashMap.newKeySet();

    private ProcessTable() {}

    static long nextId() {
        return NEXT_ID.getAndIncrement();
    }

    static void add(ProcessCore core) {
        LIVE.add(core);
    }

    static void remove(ProcessCore core) {
        LIVE.remove(core);
    }

    /** The pids of the live processes, in creation order: Erlang's {@code processes()}. */
    public static List<Pid> pids() {
        List<Pid> pids = new ArrayList<>(LIVE.size());
        for (ProcessCore core : LIVE) {
            pids.add(core.pid());
        }
        pids.sort(null);
        return pids;
    }
}
