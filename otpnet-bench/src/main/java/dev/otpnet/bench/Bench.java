package dev.otpnet.bench;

import dev.otpnet.bench.load.Load;
import dev.otpnet.bench.load.Sample;
import dev.otpnet.bench.load.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Runs every scenario against every server, alternating servers round by round (A B C A B C ...) so
 * that drift of the machine hits all alike, and writes the report.
 *
 * <pre>
 * bin/bench [--mode quick|full|smoke] [--scenarios S1,S3,...] [--servers otpnet,otpnet_boringssl,netty_jdk,...] [--out FILE]
 * </pre>
 *
 * Each run starts a fresh server process pinned to CPU 0, opens the load from this JVM (which
 * {@code bin/bench} pins to CPU 1), warms up, measures one window, and stops the server. Every load
 * loop is bounded in time; every server listens on 127.0.0.1.
 */
public final class Bench {
    private static final System.Logger LOG = System.getLogger(Bench.class.getName());

    private final Mode mode;
    private final List<Scenario> scenarios;
    private final List<Server> servers;
    private final Path work;
    private final Pki pki;
    private final Path escript;

    Bench(Mode mode, List<Scenario> scenarios, List<Server> servers, Path work) throws IOException {
        this.mode = mode;
        this.scenarios = scenarios;
        this.servers = servers;
        this.work = work;
        this.pki = Pki.create(work);
        this.escript = work.resolve("echo.escript");
        try (InputStream in = Bench.class.getResourceAsStream("echo.escript")) {
            Files.copy(in, escript);
        }
    }

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.QUICK;
        List<Scenario> scenarios = List.of(Scenario.values());
        List<Server> servers = List.of(Server.values());
        Path out = Path.of("docs/BENCHMARKS.md");
        int rounds = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> mode = switch (args[++i]) {
                    case "quick" -> Mode.QUICK;
                    case "full" -> Mode.FULL;
                    case "smoke" -> Mode.SMOKE;
                    default -> throw new IllegalArgumentException("--mode is quick, full or smoke, not " + args[i]);
                };
                case "--scenarios" -> scenarios = parse(args[++i], Scenario.class);
                case "--servers" -> servers = parse(args[++i], Server.class);
                case "--out" -> out = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--help", "-h" -> {
                    System.out.print(usage());
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "\n" + usage());
            }
        }
        if (rounds > 0) {
            mode = mode.withRounds(rounds);
        }
        long maxOpenFiles = Machine.maxOpenFiles();
        Mode fitted = mode.fitDescriptors(maxOpenFiles);
        if (!fitted.equals(mode)) {
            System.err.println("bench: the descriptor limit here is " + maxOpenFiles + "; idle connections capped at "
                    + fitted.idleTcp() + " TCP, " + fitted.idleTls() + " TLS, " + fitted.s7Idle() + " in S7");
            mode = fitted;
        }
        Path work = Files.createTempDirectory("otpnet-bench");
        Bench bench = new Bench(mode, scenarios, servers, work);
        Map<Scenario, Map<Server, List<Row>>> results = bench.run();
        String command = "bin/bench " + String.join(" ", args);
        Files.writeString(out, Report.markdown(mode, command, Instant.now(), Machine.describe(),
                Physical.measure(), results));
        System.out.println("wrote " + out);
    }

    /** The command line, with every scenario and server it can name. */
    static String usage() {
        StringBuilder u = new StringBuilder("""
                usage: bin/bench [--mode quick|full|smoke] [--rounds N] [--scenarios S1,S3,...] [--servers NAME,...] [--out FILE]
                       bin/bench jmh [JMH args]
                scenarios:
                """);
        for (Scenario sc : Scenario.values()) {
            u.append(String.format("  %-18s %s%n", sc.name(), sc.title));
        }
        u.append("servers (default: all; TLS-only ones skip the TCP scenarios):\n");
        for (Server sv : Server.values()) {
            u.append(String.format("  %-18s %s%s%n", sv.name().toLowerCase(), sv.label, sv.tlsOnly ? " (TLS only)" : ""));
        }
        return u.toString();
    }

    private static <E extends Enum<E>> List<E> parse(String list, Class<E> type) {
        List<E> out = new ArrayList<>();
        for (String s : list.split(",")) {
            out.add(Enum.valueOf(type, s.trim().toUpperCase()));
        }
        return out;
    }

    Map<Scenario, Map<Server, List<Row>>> run() throws InterruptedException {
        Map<Scenario, Map<Server, List<Row>>> results = new EnumMap<>(Scenario.class);
        for (Scenario sc : scenarios) {
            if (sc == Scenario.S7 && mode.s7Idle() == 0) {
                continue;
            }
            if (sc == Scenario.S5_STIME && !Machine.has("openssl")) {
                continue;
            }
            Map<Server, List<Row>> byServer = new LinkedHashMap<>();
            for (int round = 0; round < mode.rounds(); round++) {
                for (Server sv : servers) {
                    if (sv.tlsOnly && !sc.tls) {
                        continue;
                    }
                    if (sv == Server.ERLANG && !Machine.has("escript")) {
                        continue;
                    }
                    Row row = runOne(sc, sv, round);
                    LOG.log(System.Logger.Level.INFO, "{0} / {1} / round {2}: {3}", sc.title, sv.label, round + 1, row);
                    System.err.println(sc + " " + sv + " round " + (round + 1) + ": " + row);
                    byServer.computeIfAbsent(sv, k -> new ArrayList<>()).add(row);
                }
            }
            results.put(sc, byServer);
        }
        return results;
    }

    /**
     * One measured run. A run in which a server answered nothing at all, with no client failing, is
     * made once more with a fresh server and says so (with where the first server's threads were
     * dumped): such a stall has been seen now and then, for otpnet's and Netty's JDK-TLS servers
     * alike, and its cause is not known yet.
     */
    private Row runOne(Scenario sc, Server sv, int round) throws InterruptedException {
        Path log = work.resolve(sc + "-" + sv + "-" + round + ".log");
        Row row = measure(sc, sv, log);
        // (In S8 a window without a new connection is a result: the server starved its newcomers.)
        if (row.ok() && row.rate() == 0 && !sc.idle() && !sc.busy() && sc != Scenario.S5_STIME) {
            System.err.println("bench: " + sc + " " + sv + ": the server did no work; running it again with a fresh server");
            return measure(sc, sv, log.resolveSibling(log.getFileName() + ".again"));
        }
        return row;
    }

    private Row measure(Scenario sc, Server sv, Path log) throws InterruptedException {
        long maxSeconds = (long) (mode.warmupSeconds() + mode.measureSeconds()) + 120;
        try (ServerProcess server = startServer(sv, sc, log)) {
            SSLContext tls = sc.tls ? pki.clientContext() : null;
            Target target = new Target("127.0.0.1", server.port(), tls);
            if (sc.idle()) {
                return idle(sc, server, target, maxSeconds);
            }
            if (sc == Scenario.S5_STIME) {
                return sTime(server);
            }
            Load beside = null; // S7's idle connections, S8's echoing clients
            try {
                if (sc == Scenario.S7) {
                    beside = new Load.Idle(target, mode.s7Idle(), maxSeconds);
                    beside.start();
                } else if (sc.busy()) {
                    beside = new Load.Echo(target, 100, 64, maxSeconds, true);
                    beside.start();
                }
                try (Load load = sc.load(target, mode, maxSeconds)) {
                    load.start();
                    Thread.sleep((long) (mode.warmupSeconds() * 1000));
                    // A warm-up that has not echoed once yet is not over (a busy machine can hold the
                    // first round trips back); bounded, so a server that never answers still ends the run.
                    long waitStart = System.nanoTime();
                    boolean dumped = false;
                    while (load.total() == 0 && load.failures() == 0 && System.nanoTime() - waitStart < 60_000_000_000L) {
                        if (!dumped && System.nanoTime() - waitStart > 10_000_000_000L) {
                            dumped = true; // a server that has not answered in 10 s is stuck, not slow: say where
                            System.err.println("bench: " + sc + " " + sv + ": no echo 10 s after the warm-up; its threads: "
                                    + server.dumpThreads(log) + "\nthe load's client threads:\n" + load.whereThreadsAre());
                        }
                        Thread.sleep(50);
                    }
                    double cpu0 = server.cpuSeconds();
                    Sample s = load.measure(mode.measureSeconds());
                    double cpu = server.cpuSeconds() - cpu0;
                    long rss = server.rssBytes();
                    double rate = sc.rate(s);
                    if (rate == 0 && load.failures() == 0) {
                        // answered in the warm-up, then nothing: say where its threads were
                        String where = server.dumpThreads(log);
                        System.err.println("bench: " + sc + " " + sv + ": no echo while measured; its threads: " + where
                                + "\n" + ServerProcess.summary(Path.of(where)) + "the load's client threads:\n"
                                + load.whereThreadsAre());
                    }
                    double perCpu = cpu <= 0 ? Double.NaN : rate * s.seconds() / cpu;
                    String note = load.failures() == 0 ? "" : load.failures() + " client failures, first: " + load.firstFailure();
                    if (beside != null && beside.failures() > 0) {
                        // S7's idle connections or S8's echoing clients failed: the figure is not the scenario's
                        note = (note.isEmpty() ? "" : note + "; ") + beside.failures() + " failures beside the measured load, first: "
                                + beside.firstFailure();
                    }
                    return new Row(rate, perCpu, s.p50Micros(), s.p99Micros(), Double.NaN, Double.NaN, rss, note);
                }
            } finally {
                if (beside != null) {
                    beside.close();
                }
            }
        } catch (IOException e) {
            return Row.failed(e.getMessage().lines().findFirst().orElse(e.toString()));
        }
    }

    /**
     * Starts the server; one that has not announced its port within ServerProcess's limit is
     * started once more, and says so on stderr. Such a start has been seen now and then on a busy
     * machine and its cause is not known yet: a second failure fails the run.
     */
    private ServerProcess startServer(Server sv, Scenario sc, Path log) throws IOException {
        List<String> command = sv.command(sc.tls, pki.cert(), pki.key(), escript);
        try {
            return ServerProcess.start(command, "0", log, sv.jvm);
        } catch (ServerProcess.NotStarted e) {
            System.err.println("bench: " + sc + " " + sv + ": the server did not announce its port in time; starting it"
                    + " again. " + e.getMessage());
            return ServerProcess.start(command, "0", log.resolveSibling(log.getFileName() + ".retry"), sv.jvm);
        }
    }

    private Row idle(Scenario sc, ServerProcess server, Target target, long maxSeconds) throws IOException, InterruptedException {
        long heap0 = server.heapAfterGcBytes();
        long rss0 = server.rssBytes();
        try (Load idle = sc.load(target, mode, maxSeconds)) {
            idle.start();
            long n = idle.total();
            long heap1 = server.heapAfterGcBytes();
            long rss1 = server.rssBytes();
            if (n == 0) {
                return Row.failed("no connection opened: " + idle.firstFailure());
            }
            String note = idle.failures() == 0 ? "" : idle.failures() + " client failures, first: " + idle.firstFailure();
            return new Row(n, Double.NaN, Double.NaN, Double.NaN, (rss1 - rss0) / (double) n,
                    heap0 < 0 || heap1 < 0 ? Double.NaN : (heap1 - heap0) / (double) n, rss1, note);
        }
    }

    private static final Pattern S_TIME = Pattern.compile("(\\d+) connections in ([\\d.]+) real seconds");

    private Row sTime(ServerProcess server) throws IOException {
        double cpu0 = server.cpuSeconds();
        int seconds = (int) Math.max(1, Math.round(mode.measureSeconds()));
        List<String> cmd = new ArrayList<>();
        if (Machine.has("taskset")) {
            cmd.addAll(List.of("taskset", "-c", "1"));
        }
        cmd.addAll(List.of("openssl", "s_time", "-connect", "127.0.0.1:" + server.port(), "-new", "-time",
                Integer.toString(seconds)));
        String out = Machine.output(cmd);
        double cpu = server.cpuSeconds() - cpu0;
        Matcher m = S_TIME.matcher(out);
        if (!m.find()) {
            return Row.failed("openssl s_time printed no count: " + out.lines().reduce((a, b) -> b).orElse(""));
        }
        double n = Double.parseDouble(m.group(1));
        double real = Double.parseDouble(m.group(2));
        return new Row(n / real, cpu <= 0 ? Double.NaN : n / cpu, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                server.rssBytes(), "");
    }
}
