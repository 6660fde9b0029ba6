package dev.otpnet.cli;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM for a server: the first asks for a drain (stop accepting, let live
 * connections finish), the second exits at once with 128 + the signal's number, as a shell
 * reports a process killed by it. The JDK's own handlers would run shutdown hooks and exit, with
 * no way to tell a first signal from a second; {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}, there for exactly this) lets us count them.
 */
final class Shutdown {
    private static final System.Logger LOG = System.getLogger("otpnet.echo");
    private final CompletableFuture<String> requested = new CompletableFuture<>();
    private final AtomicInteger signals = new AtomicInteger();
    private final IntSupplier live;

    private Shutdown(IntSupplier live) {
        this.live = live;
    }

    /** Takes over SIGINT and SIGTERM; {@code live} counts the connections a second signal cuts. */
    static Shutdown install(IntSupplier live) {
        Shutdown s = new Shutdown(live);
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), s::onSignal);
        }
        return s;
    }

    /** Completes with the signal's name ({@code SIGTERM}) at the first signal. */
    CompletableFuture<String> requested() {
        return requested;
    }

    private void onSignal(Signal signal) {
        String name = "SIG" + signal.getName();
        if (signals.incrementAndGet() == 1) {
            requested.complete(name);
            return;
        }
        LOG.log(Level.WARNING, "{0} again: exiting now, cutting {1,number,#} connection(s)", name, live.getAsInt());
        System.err.flush();
        Runtime.getRuntime().halt(128 + signal.getNumber());
    }
}
