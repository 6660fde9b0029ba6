package dev.otpnet.internal.process;

import dev.otpnet.process.Pid;

/**
 * The door through which this package makes {@link Pid}s and finds the core behind one, without
 * {@code Pid} having a public constructor or accessor. {@code Pid} installs its bridge from its
 * static initializer.
 */
public final class PidAccess {

    /** What {@code Pid} lets this package do. */
    public interface Bridge {
        Pid newPid(long id, ProcessCore core);

        ProcessCore core(Pid pid);
    }

    private static volatile Bridge bridge;

    private PidAccess() {}

    /** Called once, by {@code Pid}'s static initializer. */
    public static void install(Bridge b) {
        if (bridge != null) {
            throw new IllegalStateException("The Pid bridge is already installed.");
        }
        bridge = b;
    }

    static Pid newPid(long id, ProcessCore core) {
        return bridge().newPid(id, core);
    }

    static ProcessCore core(Pid pid) {
        return bridge().core(pid);
    }

    private static Bridge bridge() {
        Bridge b = bridge;
        if (b == null) {
            try {
                Class.forName(Pid.class.getName(), true, Pid.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            b = bridge;
        }
        return b;
    }
}
