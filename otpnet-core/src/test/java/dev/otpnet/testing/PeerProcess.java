package dev.otpnet.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * An outside program a test talks to (openssl, python3, escript): its output is collected line
 * by line and tests wait for a line with a deadline, never by sleeping. Closing kills it.
 */
public final class PeerProcess implements AutoCloseable {
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean ended;

    private PeerProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(this::collect);
    }

    public static PeerProcess start(Path dir, List<String> command) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        b.environment().put("ERL_CRASH_DUMP_SECONDS", "0");
        return new PeerProcess(b.start());
    }

    private void collect() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lock.lock();
                try {
                    lines.add(line);
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            // the process went away
        } finally {
            lock.lock();
            try {
                ended = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Writes a line to the program's standard input. */
    public void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    public void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** The first output line matching {@code p}, waiting up to {@link #PATIENCE}; fails showing the output otherwise. */
    public String await(Predicate<String> p, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        lock.lock();
        try {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (p.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    fail("no output line " + what + (ended ? " before the program ended" : " in " + PATIENCE)
                            + "; output was:\n" + String.join("\n", lines));
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code n} output lines contain {@code text}. */
    public void awaitOccurrences(String text, int n) {
        int[] count = {0};
        await(l -> l.contains(text) && ++count[0] == n, n + " lines containing \"" + text + "\"");
    }

    public String awaitContaining(String text) {
        return await(l -> l.contains(text), "containing \"" + text + "\"");
    }

    /** Waits for the program to end by itself and returns everything it printed. */
    public String awaitExit() throws InterruptedException {
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            fail("the program did not end in " + PATIENCE + "; output:\n" + output());
        }
        lock.lock();
        try {
            while (!ended) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
        return output();
    }

    public String output() {
        lock.lock();
        try {
            return String.join("\n", lines);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
