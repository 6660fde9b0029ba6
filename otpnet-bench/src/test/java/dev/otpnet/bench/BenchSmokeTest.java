package dev.otpnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness works end to end, so it cannot rot between full runs: every server starts, is driven,
 * echoes correctly (the load generator fails on a wrong length or a closed connection), is measured
 * through /proc, and the report is written. The figures of a smoke run mean nothing and are not
 * checked.
 */
@Tag("interop")
class BenchSmokeTest {

    @Test
    @Timeout(600) // eight bounded runs; a server JVM may take long to start on a loaded machine
    void everyServerIsDrivenAndMeasuredAndTheReportIsWritten(@TempDir Path dir) throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean erlang = Machine.has("escript");
        if (!erlang) {
            assumeTrue(!ci, "CI must have escript (apt-get install erlang-base erlang-ssl)");
        }
        List<Server> servers = erlang ? List.of(Server.values())
                : List.of(Server.OTPNET, Server.OTPNET_BORINGSSL, Server.NETTY_JDK, Server.NETTY_OPENSSL);
        Bench bench = new Bench(Mode.SMOKE, List.of(Scenario.S1, Scenario.S3), servers, dir);
        Map<Scenario, Map<Server, List<Row>>> results = bench.run();

        for (Scenario sc : List.of(Scenario.S1, Scenario.S3)) {
            for (Server sv : servers) {
                if (sv.tlsOnly && !sc.tls) {
                    continue;
                }
                List<Row> rows = results.get(sc).get(sv);
                assertEquals(1, rows.size(), sc + " " + sv);
                Row row = rows.getFirst();
                assertTrue(row.ok(), sc + " " + sv + ": " + row.note());
                assertTrue(row.rate() > 0, sc + " " + sv + " did some work: " + row);
                assertTrue(row.serverRss() > 0, sc + " " + sv + " was measured: " + row);
                if (!sc.idle()) {
                    assertTrue(row.perCpuSecond() > 0, sc + " " + sv + " used CPU: " + row);
                }
            }
        }
        Path out = dir.resolve("BENCHMARKS.md");
        Files.writeString(out, Report.markdown(Mode.SMOKE, "test", java.time.Instant.now(), Machine.describe(),
                "| (not measured in the smoke test) | - |\n", results));
        String md = Files.readString(out);
        assertTrue(md.contains("| S1 TCP echo 64 B, 100 conns (msgs/s) | "), md);
        assertTrue(md.contains("### S3 TLS 1.3 echo 64 B, 100 conns"), md);
        assertTrue(md.contains("| otpnet, BoringSSL |"), md);
    }
}
