package dev.otpnet.internal.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * One exit hook: runs at most once, never after {@link #cancel()} returned.
 * The state word decides the race between running and cancelling.
 */
final class Hook implements ExitHook {

    private static final int PENDING = 0;
    private static final int STARTED = 1;
    private static final int CANCELLED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Hook.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ProcessCore owner;
    private final Consumer<Object> action;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    Hook(ProcessCore owner, Consumer<Object> action) {
        this.owner = owner;
        this.action = action;
    }

    /** Runs the action with {@code reason} unless cancelled or already run; a throwing action is logged. */
    void run(Object reason) {
        if (STATE.compareAndSet(this, PENDING, STARTED)) {
            try {
                action.accept(reason);
            } catch (Throwable e) {
                Log.hookFailed(owner.pid(), e);
            }
        }
    }

    @Override
    public void cancel() {
        if (STATE.compareAndSet(this, PENDING, CANCELLED)) {
            owner.forget(this);
        }
    }
}
