package dev.otpnet.testing;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test program run in its own JVM (the same JDK and class path as the test), for faults that
 * would poison the test's JVM: a file-descriptor limit ({@code prlimit}), a small heap. The child
 * talks to the test in lines on stdout; every wait has a deadline and {@link #close} kills it.
 *
 * <p>Children print {@code uncaught <thread> <throwable>} from a default uncaught-exception
 * handler (see {@link #reportUncaught}), so a library thread that dies shows up in {@link #seen}.
 */
public final class ChildJvm implements AutoCloseable {
    private final LineReader lines;

    private ChildJvm(LineReader lines) {
        this.lines = lines;
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
        return new ChildJvm(LineReader.start("the child JVM", command, line -> line.startsWith("fail:")));
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
        return lines.expect(prefix, patience);
    }

    /** Everything printed so far, read to the end once the child has exited. */
    public List<String> seenUntilExit() {
        return lines.seenUntilExit(Duration.ofSeconds(60));
    }

    public long pid() {
        return lines.pid();
    }

    @Override
    public void close() {
        lines.close();
    }
}
