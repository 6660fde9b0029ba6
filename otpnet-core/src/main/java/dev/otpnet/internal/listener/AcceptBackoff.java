package dev.otpnet.internal.listener;

import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What an acceptor does when the process is out of file descriptors ({@code emfile}) or the
 * system is ({@code enfile}): wait 100 ms and try again, as Ranch's acceptor does, never spin.
 *
 * <p>A run of such failures is one <em>episode</em>, shared by all acceptors of a listener: the
 * first failure logs one warning (with the live connection count, so the reader sees why), later
 * ones only count. At the edge of the limit accepts flap (a descriptor frees, one accept takes it,
 * the next fails), so an episode ends only with an accept that succeeds a full second after the
 * last failure; that logs one line saying how many accepts failed and for how long. JFR sees every
 * episode too.
 *
 * <p>Thread-safe.
 */
public final class AcceptBackoff {
    /** Ranch's pause after {@code emfile}. */
    public static final long PAUSE_MILLIS = 100;
    /** How long accepts must go without a failure for an episode to end. */
    public static final long QUIET_NANOS = 1_000_000_000L;

    private final String listener;
    private final Logger log;
    private final AtomicReference<Episode> episode = new AtomicReference<>();
    private final AtomicLong episodes = new AtomicLong();
    private volatile long lastFailureNanos;

    private record Episode(long startNanos, Reason reason, AtomicLong failures) {
    }

    public AcceptBackoff(String listener, Logger log) {
        this.listener = listener;
        this.log = log;
        // Load now what an episode needs: at emfile no class file can be opened.
        new Episode(0, Posix.EMFILE, new AtomicLong()).failures().get();
    }

    /** True for the reasons that mean "no descriptor now", which pass when connections close. */
    public static boolean isDescriptorShortage(Reason reason) {
        return reason == Posix.EMFILE || reason == Posix.ENFILE;
    }

    /** Records one failed accept for {@code reason}; returns how long to pause, in milliseconds. */
    public long failed(Reason reason, int liveConnections) {
        lastFailureNanos = System.nanoTime();
        Episode fresh = new Episode(System.nanoTime(), reason, new AtomicLong());
        Episode e = episode.compareAndExchange(null, fresh);
        if (e == null) {
            e = fresh;
            episodes.incrementAndGet();
            try {
                log.log(Level.WARNING, () -> "listener " + listener + ": accept failed with " + reason + " ("
                        + reason.text() + ") with " + liveConnections + " live connections; pausing "
                        + PAUSE_MILLIS + " ms between attempts until descriptors free up (logged once per episode)");
            } catch (LinkageError | RuntimeException loggingNeedsAFile) {
                // A logger's first record may need a file (time zone data) that cannot be opened now;
                // the episode is still counted and reaches JFR. The listener logs at start to avoid this.
            }
        }
        e.failures().incrementAndGet();
        return PAUSE_MILLIS;
    }

    /** Records a successful accept, which ends an episode a full second after its last failure. */
    public void succeeded() {
        Episode e = episode.get();
        if (e == null || System.nanoTime() - lastFailureNanos < QUIET_NANOS || !episode.compareAndSet(e, null)) {
            return;
        }
        long ms = (System.nanoTime() - e.startNanos()) / 1_000_000;
        long n = e.failures().get();
        log.log(Level.INFO, () -> "listener " + listener + ": accepting again after " + e.reason() + "; "
                + n + " failed accepts in " + ms + " ms");
        ListenerEvents.backoffEnded(listener, e.reason().toString(), n, ms);
    }

    /** True while an episode is under way. */
    public boolean inEpisode() {
        return episode.get() != null;
    }

    /** How many episodes began. */
    public long episodes() {
        return episodes.get();
    }
}
