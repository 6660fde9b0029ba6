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
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

    @Test
    void ctrlCInMainDrainsTheWholeTreeInReverseStartOrder() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = String.join(File.pathSeparator, System.getProperty("java.class.path"),
                System.getProperty("jdk.module.path", ""));
        Process jvm = new ProcessBuilder(java, "-cp", classPath, DrainMain.class.getName()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                lines.add(out.readLine());
            }
            assertEquals(List.of("start a", "start b", "start c", "start d"), lines);
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(jvm.pid())).inheritIO().start();
            assertTrue(kill.waitFor(30, TimeUnit.SECONDS));
            lines.clear();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("stop ") || line.startsWith("application ")) {
                    lines.add(line);
                }
            }
            assertEquals(List.of("stop d shutdown", "stop c shutdown", "stop b shutdown", "stop a shutdown", "application ended normal"), lines);
            assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
        } finally {
            jvm.destroyForcibly();
        }
    }
}
