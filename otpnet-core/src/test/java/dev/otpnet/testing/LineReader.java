package dev.otpnet.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process that talks to a test in lines on stdout (an escript, a python script, a child
 * JVM): its lines read on a virtual thread into a queue, every wait with a deadline, every line kept
 * for the failure report. {@link #close} kills the process.
 */
public final class LineReader implements AutoCloseable {
    private static final String EOF = "\u0000eof";
    private final String who;
    private final Process process;
    private final Predicate<String> failure;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    /**
     * Starts {@code command} (stderr merged into stdout). {@code who} names the peer in failure
     * messages; a line that {@code failure} accepts fails the test at once.
     */
    public static LineReader start(String who, List<String> command, Predicate<String> failure) {
        try {
            return new LineReader(who, new ProcessBuilder(command).redirectErrorStream(true).start(), failure);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    private LineReader(String who, Process process, Predicate<String> failure) {
        this.who = who;
        this.process = process;
        this.failure = failure;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            } finally {
                lines.add(EOF);
            }
        });
    }

    /** The next line that starts with {@code prefix}, within {@code patience} (earlier lines are kept). */
    public String expect(String prefix, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (line == null) {
                fail(who + " printed no line starting with '" + prefix + "' within " + patience.toSeconds()
                        + " s; it printed " + seen);
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                fail(who + " ended without printing '" + prefix + "'; it printed " + seen);
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
            if (failure.test(line)) {
                fail(who + " failed: " + seen);
            }
        }
    }

    /** Waits up to {@code patience} for the process to exit; false if it is still running. */
    public boolean awaitExit(Duration patience) {
        try {
            return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for {@code ok} and an exit with status 0. */
    public void expectOkAndCleanExit(Duration patience) {
        expect("ok", patience);
        if (!awaitExit(patience)) {
            fail(who + " did not exit after ok; it printed " + seen);
        }
        if (process.exitValue() != 0) {
            fail(who + " exited " + process.exitValue() + ": " + seen);
        }
    }

    /** Every line printed so far; once the process has exited, read to the end first. */
    public List<String> seenUntilExit(Duration patience) {
        if (!awaitExit(patience)) {
            fail(who + " did not exit; it printed " + seen);
        }
        try {
            while (true) {
                String line = lines.poll(10, TimeUnit.SECONDS);
                if (line == null || line.equals(EOF)) {
                    break;
                }
                seen.add(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return List.copyOf(seen);
    }

    public List<String> seen() {
        return List.copyOf(seen);
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
