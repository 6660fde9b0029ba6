package dev.otpnet.bench.load;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The calling thread's scheduling priority (Linux's nice value is a per-thread attribute, and
 * {@code setpriority(PRIO_PROCESS, 0, n)} sets the caller's), through the C library with the
 * foreign-function API. Used by load threads that must not crowd out the thread doing the
 * measuring on the load generator's one core. Where the call is not available, nothing changes.
 */
final class Nice {
    private static final int PRIO_PROCESS = 0;
    private static final MethodHandle SETPRIORITY = find();

    private Nice() {
    }

    private static MethodHandle find() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("setpriority")
                    .map(f -> linker.downcallHandle(f, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)))
                    .orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null; // not Linux, or native access refused: the threads keep the default priority
        }
    }

    /** Sets the calling thread's nice value (0 to 19 needs no privilege); false if it could not. */
    static boolean setThisThread(int nice) {
        if (SETPRIORITY == null) {
            return false;
        }
        try {
            return (int) SETPRIORITY.invokeExact(PRIO_PROCESS, 0, nice) == 0;
        } catch (Throwable e) {
            return false;
        }
    }
}
