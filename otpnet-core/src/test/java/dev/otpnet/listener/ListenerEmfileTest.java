package dev.otpnet.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.testing.Eventually;
import dev.otpnet.testing.Peers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running out of file descriptors, for real: an echo listener in a child JVM whose descriptor limit
 * {@code prlimit} sets to 256, and 400 clients. The listener must back off (CPU stays low while the
 * backlog waits), log the episode once, and serve again as soon as clients leave, without a restart.
 * The child runs the listener with no connection limit, so descriptors, not permits, run out.
 */
class ListenerEmfileTest {
    private static final int CLIENTS = 400;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void outOfDescriptorsTheAcceptorsBackOffLogOnceAndRecoverWhenDescriptorsFreeUp(@TempDir Path dir)
            throws Exception {
        String prlimit = Peers.require("prlimit", "util-linux");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path stderr = dir.resolve("stderr.txt");
        // The child runs from a jar, as a deployed server does: classes load through the jar's open
        // descriptor. (From a directory every class load opens a file, and at emfile that fails.)
        Path jar = dir.resolve("emfile-server.jar");
        jarOf(jar, codeSource(Listener.class), codeSource(EmfileServer.class));
        Process child = new ProcessBuilder(prlimit, "--nofile=256:256", java, "-Xmx256m",
                "-cp", jar.toString(), EmfileServer.class.getName())
                .redirectError(stderr.toFile()).start();
        List<Socket> clients = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            PrintWriter cmd = new PrintWriter(child.getOutputStream(), true);
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("PORT "), "child said " + first + "; stderr: "
                    + Files.readString(stderr));
            int port = Integer.parseInt(first.substring(5).trim());
            for (int i = 0; i < CLIENTS; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 10_000); // the backlog takes those not accepted
                clients.add(s);
            }
            Map<String, Long>[] info = new Map[1];
            Eventually.until("the listener ran out of descriptors", Duration.ofSeconds(30), () -> {
                info[0] = info(cmd, out);
                return info[0].get("episodes") >= 1;
            });
            long served = info[0].get("active");
            assertTrue(served < CLIENTS, "only what the descriptors allow is accepted, got " + served);

            // Back-off, not a spin: over the next second and a half the child uses little CPU.
            Map<String, Long> before = info(cmd, out);
            long t0 = System.nanoTime();
            Thread.sleep(1500); // the measurement window, not a wait for a condition
            Map<String, Long> after = info(cmd, out);
            double wallMillis = (System.nanoTime() - t0) / 1e6;
            double cpuShare = (after.get("cpuMillis") - before.get("cpuMillis")) / wallMillis;
            assertTrue(cpuShare < 0.5, "the child used " + cpuShare + " of a core while backing off");
            assertEquals(1, after.get("episodes"), "still one episode");

            // Recovery: 200 clients leave; every client still in the backlog is accepted and served.
            for (Socket s : clients.subList(0, 200)) {
                s.close();
            }
            for (Socket s : clients.subList(200, CLIENTS)) {
                s.setSoTimeout(30_000);
                s.getOutputStream().write('e');
                assertEquals('e', s.getInputStream().read(), "a client from the backlog is served");
            }
            // The episode ends with an accept a second after the last failure: new clients keep coming.
            Eventually.until("the episode is over", Duration.ofSeconds(30), () -> {
                try (Socket fresh = new Socket("127.0.0.1", port)) {
                    fresh.setSoTimeout(10_000);
                    fresh.getOutputStream().write('f');
                    return fresh.getInputStream().read() == 'f'
                            && Files.readString(stderr).contains("accepting again after emfile");
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            String log = Files.readString(stderr);
            assertEquals(1, count(log, "accept failed with emfile"), log);
            assertEquals(1, count(log, "accepting again after emfile"), log);
            assertEquals(1, info(cmd, out).get("episodes"));

            for (Socket s : clients) {
                s.close();
            }
            Eventually.until("every connection ended", Duration.ofSeconds(30),
                    () -> info(cmd, out).get("active") == 0);
            // A connection counts as ended when its process has; its socket closes as that process
            // exits, so the descriptors come back just after: wait for them, a leak still fails here.
            Map<String, Long>[] idle = new Map[1];
            try {
                Eventually.until("descriptors are back", Duration.ofSeconds(30), () -> {
                    idle[0] = info(cmd, out);
                    return idle[0].get("fds") < 100;
                });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ", last: " + idle[0], e);
            }
            cmd.println("quit");
            assertEquals("BYE", out.readLine());
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue());
        } catch (AssertionError | IOException e) {
            throw new AssertionError(e.getMessage() + "\nchild's stderr:\n" + Files.readString(stderr), e);
        } finally {
            for (Socket s : clients) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            child.destroyForcibly();
        }
    }

    private static Path codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** A jar of the class directories {@code dirs} (target/classes and target/test-classes). */
    private static void jarOf(Path jar, Path... dirs) throws IOException {
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (Path d : dirs) {
                try (var files = Files.walk(d)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        String entry = d.relativize(f).toString().replace('\\', '/');
                        if (entry.equals("module-info.class") || !seen.add(entry)) {
                            continue;
                        }
                        out.putNextEntry(new java.util.jar.JarEntry(entry));
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static Map<String, Long> info(PrintWriter cmd, BufferedReader out) {
        cmd.println("info");
        try {
            String line = out.readLine();
            if (line == null || !line.startsWith("INFO ")) {
                throw new AssertionError("child said " + line);
            }
            Map<String, Long> m = new HashMap<>();
            for (String kv : line.substring(5).split(" ")) {
                String[] p = kv.split("=");
                m.put(p[0], Long.parseLong(p[1]));
            }
            return m;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
