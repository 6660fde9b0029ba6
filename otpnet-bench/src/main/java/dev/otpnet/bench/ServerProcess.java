package dev.otpnet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One benchmark server in a child process, pinned to its core with {@code taskset} when the machine
 * has it: started, read for its {@code listening on PORT} line, observed through {@code /proc}
 * (CPU time, resident memory), stopped. Its stderr goes to a log file beside the report's work files.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\d+)");
    /** A server JVM starts in a few seconds even on a busy machine; one that takes this long is stuck. */
    private static final long START_SECONDS = 60;
    private static final long CLOCK_TICKS = clockTicks();

    private final Process process;
    private final int port;
    private final boolean jvm;

    private ServerProcess(Process process, int port, boolean jvm) {
        this.process = process;
        this.port = port;
        this.jvm = jvm;
    }

    static ServerProcess start(List<String> command, String cpu, Path log, boolean jvm) throws IOException {
        List<String> full = new ArrayList<>();
        if (cpu != null && Machine.has("taskset")) {
            full.addAll(List.of("taskset", "-c", cpu));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectError(log.toFile()).start();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> port = new CompletableFuture<>();
        // The reader keeps reading after the port line, so the server never blocks on a full pipe.
        Thread.ofPlatform().daemon().name("bench-stdout-" + p.pid()).start(() -> {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            try {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!port.isDone()) {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            port.complete(Integer.parseInt(m.group(1)));
                        } else if (seen.size() < 20) {
                            seen.add(line);
                        }
                    }
                }
            } catch (IOException e) {
                // the server ended
            }
            port.complete(-1);
        });
        try {
            int found = port.get(START_SECONDS, TimeUnit.SECONDS);
            if (found < 0) {
                throw new IOException("server ended before it listened: " + String.join(" ", full) + "\n" + tail(log));
            }
            return new ServerProcess(p, found, jvm);
        } catch (Exception e) {
            String threads = jvm && p.isAlive() ? mainThread(p.pid(), log) : "";
            p.destroyForcibly();
            throw e instanceof IOException io ? io : new NotStarted(String.join(" ", full) + "\n" + tail(log)
                    + "\nits stdout so far: " + seen + threads, e);
        }
    }

    /** A server that did not announce its port in time (as opposed to one that ended, or failed to run). */
    static final class NotStarted extends IOException {
        NotStarted(String detail, Throwable cause) {
            super("server did not start: " + detail, cause);
        }
    }

    /**
     * A JVM server that has not announced its port: its threads are dumped beside its log, and its
     * main thread's stack goes into the failure's message, so that the next such start says where
     * it was (in the server's start, or already serving while the port line went unread).
     */
    private static String mainThread(long pid, Path log) {
        String where = dumpThreads(pid, log.resolveSibling(log.getFileName() + ".threads"));
        try {
            String dump = Files.readString(Path.of(where));
            int main = dump.indexOf("\"main\"");
            String mainStack = main < 0 ? "(no main thread)" : dump.substring(main, Math.max(main, dump.indexOf("\n\n", main)));
            return "\nits threads are in " + where + "; its main thread:\n" + mainStack;
        } catch (IOException | RuntimeException e) {
            return "\n" + where;
        }
    }

    /**
     * Every thread's stack, virtual ones included ({@code jcmd Thread.dump_to_file}), written to
     * {@code file}; returns where, or why there is no dump.
     */
    private static String dumpThreads(long pid, Path file) {
        try {
            jcmd(pid, "Thread.dump_to_file", "-overwrite", "-format=text", file.toString());
            return file.toString();
        } catch (IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    /**
     * A thread dump in short, for a report that outlives its work files: otpnet's own threads
     * (wire pollers, socket readers, drainers) whole, and how many threads stand in each top frame.
     */
    static String summary(Path dump) {
        try {
            List<String> lines = Files.readAllLines(dump);
            StringBuilder own = new StringBuilder();
            Map<String, Integer> tops = new TreeMap<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (!line.startsWith("#")) {
                    continue;
                }
                boolean ours = line.contains("\"otpnet-");
                if (i + 1 < lines.size()) {
                    tops.merge(lines.get(i + 1).trim(), 1, Integer::sum);
                }
                for (int j = i; ours && j < lines.size() && !lines.get(j).isBlank(); j++) {
                    own.append(lines.get(j)).append('\n');
                }
            }
            StringBuilder out = new StringBuilder(own);
            tops.forEach((frame, n) -> out.append(n).append(" x ").append(frame).append('\n'));
            return out.toString();
        } catch (IOException e) {
            return "(no dump to read: " + e + ")";
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    int port() {
        return port;
    }

    /** For a JVM server that does no work although clients wait: its threads, dumped beside its log; returns where. */
    String dumpThreads(Path log) {
        return jvm ? dumpThreads(pid(), log.resolveSibling(log.getFileName() + ".stalled-threads")) : "(not a JVM)";
    }

    long pid() {
        return process.pid();
    }

    /** User plus system CPU seconds the server has used so far, all threads. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the command: state is f[0]; utime and stime are fields 14 and 15 of the whole line
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
    }

    /** Resident set size in bytes. */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + pid());
    }

    /** For a JVM server: heap in use right after a full GC (from {@code jcmd}), or -1. */
    long heapAfterGcBytes() {
        if (!jvm) {
            return -1;
        }
        try {
            jcmd(pid(), "GC.run");
            String info = jcmd(pid(), "GC.heap_info");
            Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        full.addAll(List.of(command));
        return run(full);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(s);
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return 100;
        }
    }
}
