package dev.otpnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.testing.Eventually;
import dev.otpnet.testing.Peers;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code bin/otpnet echo} costs the machine, read from outside as an operator would: its
 * descriptors ({@code /proc/PID/fd}) and threads ({@code /proc/PID/task}) after a storm of clients,
 * and what it does when {@code prlimit} leaves it short of descriptors (the listener's back-off:
 * one line when it starts, one when it ends, clients served again without a restart).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EchoResourcesIT {
    @TempDir
    Path home;

    @Test
    void outOfDescriptorsItBacksOffLogsTheEpisodeOnceAndServesAgainWhenClientsLeave() throws Exception {
        String prlimit = Peers.require("prlimit", "util-linux");
        int clientCount = 400; // more than the 256 descriptors the server may have
        try (Otpnet server = Otpnet.start(List.of(prlimit, "--nofile=256:256"), home, Map.of(), "echo", "--port", "0",
                "--max-connections", "infinity")) {
            int port = server.awaitListening();
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < clientCount; i++) {
                    Socket s = new Socket(); // connects through the kernel's backlog, accepted or not
                    s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                    clients.add(s);
                }
                server.awaitLog("accept failed with emfile");

                // Back-off, not a spin: over a second and a half the server uses little CPU.
                long cpu0 = cpuTicks(server.pid());
                long t0 = System.nanoTime();
                Thread.sleep(1500); // the measurement window, not a wait for a condition
                double share = (cpuTicks(server.pid()) - cpu0) * 10.0 / ((System.nanoTime() - t0) / 1e6);
                assertTrue(share < 0.5, "the server used " + share + " of a core while backing off");

                // Recovery: half the clients leave; every client still waiting is accepted and served.
                for (Socket s : clients.subList(0, clientCount / 2)) {
                    s.close();
                }
                for (Socket s : clients.subList(clientCount / 2, clientCount)) {
                    assertEquals("late", echo(s, "late"), "a client from the backlog is served");
                }
                // The episode ends with an accept a full second after the last failure.
                Eventually.until("the episode is over", Duration.ofSeconds(30), () -> {
                    try (Socket fresh = new Socket("127.0.0.1", port)) {
                        return echo(fresh, "fresh").equals("fresh")
                                && server.stderr().stream().anyMatch(l -> l.contains("accepting again after emfile"));
                    } catch (IOException e) {
                        throw new AssertionError("a fresh client was not served", e);
                    }
                });
                assertEquals(1, count(server, "accept failed with emfile"), String.join("\n", server.stderr()));
                assertEquals(1, count(server, "accepting again after emfile"), String.join("\n", server.stderr()));
            } finally {
                for (Socket s : clients) {
                    s.close();
                }
            }
            server.signal("TERM");
            assertEquals(0, server.awaitExit(), String.join("\n", server.stderr()));
            assertEquals(1, server.stdout().size(), server.stdout().toString());
        }
    }

    @Test
    void afterAStormOfClientsItsDescriptorsAndThreadsAreBackWhereTheyWere() throws Exception {
        try (Otpnet server = Otpnet.start(home, "echo", "--port", "0")) {
            int port = server.awaitListening();
            long pid = server.pid();
            // warm up: what a first connection loads and starts (classes, carrier threads) is not a leak
            for (int i = 0; i < 20; i++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    assertEquals("warm", echo(s, "warm"));
                }
            }
            Eventually.until("the warm-up connections ended", () -> count(server, " ended (closed) ") == 20);
            long fdsBefore = entries(pid, "fd");
            long threadsBefore = entries(pid, "task");

            int parallel = 50;
            int each = 10;
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            AtomicInteger served = new AtomicInteger();
            List<Thread> storm = new ArrayList<>();
            for (int t = 0; t < parallel; t++) {
                storm.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < each; i++) {
                        try (Socket s = new Socket("127.0.0.1", port)) {
                            String m = "storm " + i;
                            if (echo(s, m).equals(m)) {
                                served.incrementAndGet();
                            }
                        } catch (IOException | RuntimeException e) {
                            errors.add(e);
                        }
                    }
                }));
            }
            long peakFds = fdsBefore;
            long peakThreads = threadsBefore;
            for (Thread t : storm) {
                while (!t.join(Duration.ofMillis(20))) { // sample while the storm runs, bounded by the test's time-out
                    peakFds = Math.max(peakFds, entries(pid, "fd"));
                    peakThreads = Math.max(peakThreads, entries(pid, "task"));
                }
            }
            assertEquals(List.of(), List.copyOf(errors));
            assertEquals(parallel * each, served.get());
            Eventually.until("every connection process ended and logged its end", Duration.ofSeconds(30),
                    () -> count(server, " ended (closed) ") == 20 + parallel * each);
            long[] after = new long[2];
            Eventually.until("the descriptors are closed", Duration.ofSeconds(30), () -> {
                after[0] = entriesOrFail(pid, "fd");
                return after[0] <= fdsBefore + 4; // a lazily opened JDK file is not a per-connection leak
            });
            after[1] = entries(pid, "task");
            System.out.printf("otpnet echo, %d connections (%d at once): fds %d before, peak %d, %d after; "
                    + "threads %d before, peak %d, %d after%n", parallel * each, parallel, fdsBefore, peakFds, after[0],
                    threadsBefore, peakThreads, after[1]);
            // one process per connection is a virtual thread, not an OS thread: the storm adds none
            // that stay (a few JIT or GC helpers may come and go, hence the small margin)
            assertTrue(after[1] <= threadsBefore + 8, "threads " + threadsBefore + " before, " + after[1] + " after");
            assertTrue(peakThreads <= threadsBefore + 16, "threads peaked at " + peakThreads + " from " + threadsBefore);
            server.signal("TERM");
            assertEquals(0, server.awaitExit(), String.join("\n", server.stderr()));
        }
    }

    /** One {packet, 4} round trip. */
    static String echo(Socket s, String text) throws IOException {
        s.setSoTimeout(30_000);
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] frame = java.nio.ByteBuffer.allocate(4 + b.length).putInt(b.length).put(b).array();
        s.getOutputStream().write(frame);
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] reply = new byte[in.readInt()];
        in.readFully(reply);
        return new String(reply, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Entries of /proc/PID/fd or /proc/PID/task. */
    static long entries(long pid, String dir) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc", String.valueOf(pid), dir))) {
            return s.count();
        }
    }

    static long entriesOrFail(long pid, String dir) {
        try {
            return entries(pid, dir);
        } catch (IOException e) {
            throw new AssertionError("cannot read /proc/" + pid + "/" + dir, e);
        }
    }

    /** utime + stime of /proc/PID/stat, in clock ticks (100 a second). */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long count(Otpnet server, String fragment) {
        return server.stderr().stream().filter(l -> l.contains(fragment)).count();
    }
}
