package dev.otpnet.internal.process;

import dev.otpnet.process.Pid;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The live processes, by number. Numbers are never reused. Thread-safe. */
public final class ProcessTable {

    private static final AtomicLong NEXT_ID = new AtomicLong(1);
    private static final ConcurrentHashMap<Long, ProcessCore> LIVE = new ConcurrentHashMap<>();

    private ProcessTable() {}

    static long nextId() {
        return NEXT_ID.getAndIncrement();
    }

    static void add(ProcessCore core) {
        LIVE.put(core.id, core);
    }

    static void remove(ProcessCore core) {
        LIVE.remove(core.id, core);
    }

    /** The pids of the live processes, in creation order: Erlang's {@code processes()}. */
    public static List<Pid> pids() {
        List<Pid> pids = new ArrayList<>(LIVE.size());
        for (ProcessCore core : LIVE.values()) {
            pids.add(core.pid());
        }
        pids.sort(null);
        return pids;
    }
}
