package dev.otpnet.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.otp.Probe.ExitWith;
import dev.otpnet.otp.Probe.Started;
import dev.otpnet.otp.Probe.Terminated;
import dev.otpnet.process.Await;
import dev.otpnet.process.Crash;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The application entry: start a top supervisor, stop the tree in order, and Ctrl-C in a real JVM. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ApplicationTest {

    @BeforeEach
    void empty() {
        Proc.flush();
    }

    private static String event() {
        Object e = Proc.receive(m -> m instanceof Started || m instanceof Terminated, Await.MUST_ARRIVE_MS).orElseThrow();
        return switch (e) {
            case Started s -> "start " + s.id();
            case Terminated t -> "stop " + t.id() + " " + t.reason();
            default -> throw new AssertionError(e);
        };
    }

    @Test
    void stopDrainsTheTreeFromTheLastChildBackAndEndsNormally() throws Exception {
        List<ChildSpec> specs = List.of(ChildSpec.worker("a", Probe.start("a")), ChildSpec.worker("b", Probe.start("b")),
                ChildSpec.worker("c", Probe.start("c")));
        Application app = Application.start("test", () -> Supervisor.startLink(SupFlags.of(Strategy.ONE_FOR_ONE), specs));
        assertEquals(List.of("start a", "start b", "start c"), List.of(event(), event(), event()));
        assertTrue(Proc.isAlive(app.supervisor()));
        app.stop();
        assertEquals(List.of("stop c shutdown", "stop b shutdown", "stop a shutdown"), List.of(event(), event(), event()));
        assertFalse(Proc.isAlive(app.supervisor()));
        assertEquals(ExitReason.NORMAL, app.awaitTermination());
        app.stop();
    }

    @Test
    void theApplicationEndsWhenItsTopSupervisorGivesUp() throws Exception {
        List<ChildSpec> specs = List.of(ChildSpec.worker("a", Probe.start("a")));
        Application app = Application.start("fragile", () -> Supervisor.startLink(SupFlags.of(Strategy.ONE_FOR_ONE).withIntensity(0), specs));
        Pid a = Await.message(Started.class).pid();
        GenServer.cast(a, new ExitWith("broken"));
        assertEquals(ExitReason.SHUTDOWN, app.awaitTermination());
    }

    @Test
    void aStartThatFailsIsReported() {
        OtpException e = assertThrows(OtpException.class, () -> Application.start("broken", () -> {
            throw new IllegalStateException("no config");
        }));
        assertEquals("no config", assertInstanceOf(Crash.class, e.reason()).exception().getMessage());
    }

    /**
     * Ctrl-C sends SIGINT, {@code kill} SIGTERM; the JVM runs its shutdown hooks on both. The test
     * sends SIGTERM because a JVM started by a background job (as in CI) inherits SIGINT ignored.
     */
    @Test
    void aShutdownSignalToMainDrainsTheWholeTreeInReverseStartOrder(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = String.join(File.pathSeparator, System.getProperty("java.class.path"),
                System.getProperty("jdk.module.path", ""));
        Path out = dir.resolve("out.txt");
        Process jvm = new ProcessBuilder(java, "-cp", classPath, DrainMain.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            Await.until("the four workers have started", () -> lines(out).stream().filter(l -> l.startsWith("start ")).count() == 4);
            assertEquals(List.of("start a", "start b", "start c", "start d"), lines(out));
            jvm.destroy();
            assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the JVM ends once the tree is drained");
            List<String> after = lines(out).stream().filter(l -> l.startsWith("stop ")).toList();
            assertEquals(List.of("stop d shutdown", "stop c shutdown", "stop b shutdown", "stop a shutdown"),
                    after, () -> "the JVM printed " + lines(out));
        } finally {
            jvm.destroyForcibly();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
