package dev.otpnet.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An example server in a child JVM ({@link ExampleChild}), optionally under
 * {@code prlimit --nofile=N}. Its stdout is read line by line; its stderr (the examples' log)
 * goes to a file the test can search.
 */
final class Child implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern COUNT = Pattern.compile(
            "count processes=(\\d+) sockets=(\\d+) fds=(\\d+) main=(\\w+)");
    private static final long PATIENCE_S = 30;

    /** What the child reports about itself. */
    record Counts(int processes, int sockets, long fds, boolean mainRunning) {}

    private final Process process;
    private final Path log;
    private final Writer stdin;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final int port;

    private Child(Process process, Path log) throws Exception {
        this.process = process;
        this.log = log;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                }
            } catch (IOException ignored) {
                // the child ended
            }
            lines.add("<eof>");
        });
        String first = next();
        Matcher m = LISTENING.matcher(first);
        if (!m.find()) {
            fail("the example did not say where it listens: " + first + "\n" + log());
        }
        port = Integer.parseInt(m.group(1));
    }

    /** Starts {@code example}; with {@code nofile > 0} under {@code prlimit --nofile=nofile}. */
    static Child start(String example, int nofile) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>();
        if (nofile > 0) {
            command.addAll(List.of(Peers.require("prlimit", "util-linux"), "--nofile=" + nofile + ":" + nofile));
        }
        command.addAll(List.of(java, "-cp", classPath(),
                ExampleChild.class.getName(), example));
        Path log = Files.createTempFile("example-child-", ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new Child(p, log);
    }

    /**
     * This JVM's class path as plain entries. Surefire may start tests with a single manifest-only
     * jar whose {@code Class-Path} names the real entries; the child gets those, so that it can
     * tell directories from jars.
     */
    static String classPath() throws IOException {
        String cp = System.getProperty("java.class.path");
        String[] entries = cp.split(java.io.File.pathSeparator);
        if (entries.length != 1 || !entries[0].endsWith(".jar")) {
            return cp;
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entries[0])) {
            java.util.jar.Manifest m = jar.getManifest();
            String classPath = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return cp;
            }
            List<String> out = new ArrayList<>();
            for (String url : classPath.trim().split("\\s+")) {
                out.add(Path.of(java.net.URI.create(url)).toString());
            }
            return String.join(java.io.File.pathSeparator, out);
        }
    }

    private String next() throws Exception {
        String l = lines.poll(PATIENCE_S, TimeUnit.SECONDS);
        if (l == null) {
            fail("the child said nothing for " + PATIENCE_S + " s\n" + log());
        }
        return l;
    }

    /** Asks the child for its counts. */
    Counts counts() throws Exception {
        stdin.write("count\n");
        stdin.flush();
        while (true) {
            String l = next();
            if (l.equals("<eof>")) {
                fail("the child ended; exit " + process.waitFor() + "\n" + log());
            }
            Matcher m = COUNT.matcher(l);
            if (m.matches()) {
                return new Counts(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Long.parseLong(m.group(3)), m.group(4).equals("running"));
            }
        }
    }

    /** Makes the child open files until it has no descriptor left; returns how many it opened. */
    int hog() throws Exception {
        return Integer.parseInt(command("hog", "hogged ").substring("hogged ".length()));
    }

    /** Closes the files {@link #hog()} opened. */
    void release() throws Exception {
        command("release", "released");
    }

    private String command(String command, String answerPrefix) throws Exception {
        stdin.write(command + "\n");
        stdin.flush();
        while (true) {
            String l = next();
            if (l.equals("<eof>")) {
                fail("the child ended; exit " + process.waitFor() + "\n" + log());
            }
            if (l.startsWith(answerPrefix)) {
                return l;
            }
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What the child wrote on stderr so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
