package dev.otpnet.internal.process;

/** A registration made with {@link ProcessCore#onExit}. */
public interface ExitHook {

    /** Makes sure the hook never runs, unless it already started. Idempotent, any thread. */
    void cancel();
}
