package dev.otpnet.internal.wire;

import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes a channel out of its selector before it closes, so the close releases the kernel's
 * socket then and there. A channel still registered is only marked closed by {@code close()},
 * and its socket stays open until the selector's next selection: a listen socket goes on taking
 * connections into its backlog, which Erlang's {@code gen_tcp:close/1} and
 * {@code socket:close/1} do not. Used by both pollers: the {@link WirePoller} and the socket
 * module's.
 */
public final class Deregistration {
    /** The longest a close waits for the selector to let the channel go (it takes one selection). */
    private static final long MAX_WAIT_NANOS = 2_000_000_000L;

    private Deregistration() {
    }

    /**
     * Cancels {@code key} and waits for the selector's next selection to let its channel go, at
     * most {@link #MAX_WAIT_NANOS}. On the selector's own thread ({@code onSelectorThread}), or
     * past that bound, the close is left to the selection.
     *
     * <p>Before it looks the key up, the caller must stop the channel from being registered again
     * (both pollers set a closing flag under the monitor their registration takes): a key made
     * after the look-up would defer the close to the next selection all over again.
     *
     * @param wakeSelector makes the selector's thread run a selection now
     */
    public static void cancelAndWait(SelectionKey key, boolean onSelectorThread, Runnable wakeSelector) {
        key.cancel();
        if (onSelectorThread) {
            return;
        }
        wakeSelector.run();
        SelectableChannel channel = key.channel();
        long start = System.nanoTime();
        while (channel.isRegistered() && System.nanoTime() - start < MAX_WAIT_NANOS) {
            LockSupport.parkNanos(20_000);
        }
    }
}
