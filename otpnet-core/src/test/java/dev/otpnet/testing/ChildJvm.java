package dev.otpnet.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test program run in its own JVM (the same JDK and class path as the test), for faults that
 * would poison the test's JVM: a file-descriptor limit ({@code prlimit}), a small heap. The child
 * talks to the test in lines on stdout; every wait has a deadline and {@link #close} kills it.
 *
 * <p>Children print {@code uncaught <thread> <throwable>} from a default uncaught-exception
 * handler (see {@link #reportUncaught}), so a library thread that dies shows up in {@link #seen}.
 */
public final class ChildJvm implements AutoCloseable {
    private static final String EOF = "\u0000eof";
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
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

    /**
     * Runs {@code main}'s {@code main(args)} in a new JVM. {@code wrapper} goes before the java
     * command (for example {@code prlimit --nofile=64:64}); {@code jvmOptions} after it.
     */
    public static ChildJvm start(List<String> wrapper, List<String> jvmOptions, Class<?> main, String... args) {
        return start(wrapper, jvmOptions, entry -> true, main, args);
    }

    /** As {@link #start(List, List, Class, String...)}, with only the class path entries {@code keep} accepts. */
    public static ChildJvm start(List<String> wrapper, List<String> jvmOptions,
                                 java.util.function.Predicate<String> keep, Class<?> main, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
        String classPath = String.join(File.pathSeparator, Arrays.stream(
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                        .split(File.pathSeparator)).filter(keep).toList());
        List<String> command = new ArrayList<>(wrapper);
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        try {
            return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    /** For a child's main: prints every uncaught throwable as one line the test can see. */
    public static void reportUncaught() {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            System.out.println("uncaught " + t.getName() + " " + e);
            System.out.flush();
        });
    }

    /** The next line that starts with {@code prefix}, within 120 s. */
    public String expect(String prefix) {
        return expect(prefix, Duration.ofSeconds(120));
    }

    /** The next line that starts with {@code prefix}, within {@code patience}. */
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
                fail("the child JVM printed no line starting with '" + prefix + "' in time; it printed " + seen);
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                fail("the child JVM ended without printing '" + prefix + "'; it printed " + seen);
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("fail:")) {
                fail("the child JVM failed: " + seen);
            }
        }
    }

    /** Everything printed so far, read to the end once the child has exited. */
    public List<String> seenUntilExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                fail("the child JVM did not exit; it printed " + seen);
            }
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

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
