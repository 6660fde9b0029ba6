package dev.otpnet.internal.wire;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import java.io.IOException;
import java.nio.channels.Selector;

/**
 * Starts the JDK's I/O poller (the threads and epoll descriptors on which a virtual thread parks
 * while its socket is not ready) while descriptors are known to be free.
 *
 * <p>The JDK starts it lazily, the first time a virtual thread has to wait for I/O. If that first
 * time comes while the process is out of descriptors, its class initialisation fails with
 * {@code ExceptionInInitializerError}, and every later wait of every virtual thread in the JVM
 * fails with {@code NoClassDefFoundError}: no socket would ever read again. So a socket is not
 * created until the poller runs: {@link #ensureStarted} is called when a socket is created,
 * costs one volatile read once the poller is up, and otherwise parks a virtual thread on an
 * empty {@link Selector} for a millisecond, which is the JDK's public way to start it.
 *
 * <p>Thread-safe; the first successful call wins.
 */
public final class JdkPoller {
    private static volatile boolean started;
    /** Set when the JDK's poller failed to initialise: it never will in this JVM. */
    private static volatile Throwable broken;

    private JdkPoller() {
    }

    /**
     * Returns once the poller runs. {@code emfile} if it cannot start for want of descriptors (a
     * later call may succeed only if the JDK did not give up on it); {@code system_limit} once the
     * JDK has given up, for the rest of this JVM's life.
     */
    public static void ensureStarted() throws InetException {
        if (started) {
            return;
        }
        synchronized (JdkPoller.class) {
            if (started) {
                return;
            }
            if (broken != null) {
                throw gaveUp();
            }
            Throwable[] failure = new Throwable[1];
            Thread t = Thread.ofVirtual().name("otpnet-poller-start").unstarted(() -> {
                try (Selector s = Selector.open()) {
                    s.select(1);
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InetException(InetError.CLOSED, "interrupted while starting the JDK's I/O poller", e);
            }
            Throwable f = failure[0];
            if (f == null) {
                started = true;
                return;
            }
            if (f instanceof IOException io) {
                // Selector.open itself had no descriptor: the poller was not touched.
                throw Failures.toInet(io);
            }
            broken = f;
            throw gaveUp();
        }
    }

    private static InetException gaveUp() {
        Throwable f = broken;
        Throwable cause = f.getCause() != null ? f.getCause() : f;
        boolean fds = cause instanceof IOException io && Failures.classify(io) == Posix.EMFILE;
        return new InetException(InetError.SYSTEM_LIMIT,
                "the JDK's I/O poller failed to start" + (fds ? " for want of file descriptors" : "")
                        + " and virtual threads cannot wait for sockets in this JVM: " + cause, f);
    }
}
