package dev.otpnet.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.otpnet.testing.Eventually;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code bin/otpnet}, started as a child process with its own {@code HOME}: what a user
 * runs. Its stdout and stderr are collected line by line; every wait has a deadline; {@link #close}
 * kills it if it is still running.
 */
final class Otpnet implements AutoCloseable {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path BIN = ROOT.resolve("bin/otpnet");
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** What a finished run left. */
    record Result(int exit, List<String> stdout, List<String> stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + stdout + "\nstderr: " + String.join("\n  ", stderr);
        }
    }

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread[] readers;

    private Otpnet(Process process) {
        this.process = process;
        this.readers = new Thread[] {collect(process.getInputStream(), out), collect(process.getErrorStream(), err)};
    }

    /** Starts {@code bin/otpnet args} with {@code HOME=home} and no {@code XDG_DATA_HOME}. */
    static Otpnet start(Path home, String... args) {
        return start(home, Map.of(), args);
    }

    static Otpnet start(Path home, Map<String, String> env, String... args) {
        return start(List.of(), home, env, args);
    }

    /**
     * Starts {@code wrapper... bin/otpnet args}: a wrapper that execs its command, such as
     * {@code prlimit --nofile=256:256}, so the pid stays the JVM's.
     */
    static Otpnet start(List<String> wrapper, Path home, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(wrapper);
        command.add(BIN.toString());
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command);
        b.environment().remove("XDG_DATA_HOME");
        b.environment().put("HOME", home.toString());
        b.environment().putAll(env);
        try {
            return new Otpnet(b.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    /** Runs {@code bin/otpnet args} to the end with {@code stdin} as its input. */
    static Result run(Path home, String stdin, String... args) {
        try (Otpnet o = start(home, args)) {
            try (var in = o.process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // it exited without reading its input (a usage error): its output says why
            }
            int exit = o.awaitExit();
            return new Result(exit, o.stdout(), o.stderr());
        }
    }

    /** The port of the one {@code listening on 127.0.0.1:PORT} line. */
    int awaitListening() {
        Eventually.until("otpnet prints 'listening on'; stderr so far: " + err, PATIENCE,
                () -> !out.isEmpty() || !process.isAlive());
        if (out.isEmpty()) {
            fail("otpnet exited " + awaitExit() + " before listening:\n" + String.join("\n", err));
        }
        String line = out.getFirst();
        if (!line.startsWith("listening on 127.0.0.1:")) {
            fail("the first stdout line is not 'listening on 127.0.0.1:PORT' but '" + line + "'");
        }
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
    }

    /** Waits until a stderr line contains {@code fragment}, and returns it. */
    String awaitLog(String fragment) {
        Eventually.until("otpnet logs '" + fragment + "'; stderr so far: " + err, PATIENCE,
                () -> err.stream().anyMatch(l -> l.contains(fragment)));
        return err.stream().filter(l -> l.contains(fragment)).findFirst().orElseThrow();
    }

    /** Waits until a whole stderr line matches {@code pattern}, and returns it. */
    String awaitLog(java.util.regex.Pattern pattern) {
        Eventually.until("otpnet logs a line matching " + pattern + "; stderr so far: " + err, PATIENCE,
                () -> err.stream().anyMatch(l -> pattern.matcher(l).matches()));
        return err.stream().filter(l -> pattern.matcher(l).matches()).findFirst().orElseThrow();
    }

    /** Sends a signal ({@code TERM}, {@code INT}) to the JVM ({@code bin/otpnet} execs it). */
    void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                fail("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the exit (and for its output to be read) and returns the code. */
    int awaitExit() {
        try {
            if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                fail("otpnet did not exit within " + PATIENCE + "; stderr: " + err);
            }
            for (Thread t : readers) {
                t.join(PATIENCE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** The JVM's pid ({@code bin/otpnet} and a wrapper such as prlimit exec it). */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> stdout() {
        return List.copyOf(out);
    }

    List<String> stderr() {
        return List.copyOf(err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Thread collect(InputStream stream, List<String> lines) {
        return Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }
}
