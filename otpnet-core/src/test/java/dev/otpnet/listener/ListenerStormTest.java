package dev.otpnet.listener;

import static dev.otpnet.inet.Options.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.testing.Eventually;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A connection storm against an exact limit: 5,000 connections from 300 client threads (three
 * times the limit at once) against {@code max_connections} 100. Three counts are sampled all the
 * time and none may pass 100: the listener's live connection processes, the handlers running (a
 * counter the handler itself keeps), and the permits out beyond those the idle acceptors hold.
 */
class ListenerStormTest {
    private static final int MAX = 100;
    private static final int CLIENTS = 300;
    private static final int CONNECTIONS = 5_000;

    /** With several connection supervisors (num_conns_sups) the limit is still one, exact, over all. */
    @ParameterizedTest(name = "num_conns_sups {0}")
    @ValueSource(ints = {1, 4})
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void fiveThousandConnectsNeverPassTheLimitAndEveryPermitComesBack(int numConnsSups) throws Exception {
        dev.otpnet.process.Proc.self(); // this thread is adopted as a process by its first call; count it in
        java.util.Set<dev.otpnet.process.Pid> processesBefore = java.util.Set.copyOf(dev.otpnet.process.Proc.processes());
        // Sockets only: the JDK opens pollers (eventpoll descriptors) as virtual threads need them, and keeps them.
        List<String> socketsBefore = sockets();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger handlerPeak = new AtomicInteger();
        String name = "storm";
        Listener.start(name, Transport.tcp(), ListenerSettings.DEFAULT.withMaxConnections(MAX).withNumAcceptors(10)
                .withNumConnsSups(numConnsSups)
                .withSocketOptions(List.of(ip("127.0.0.1"))), conn -> {
                    int now = running.incrementAndGet();
                    handlerPeak.accumulateAndGet(now, Math::max);
                    try {
                        InetSocket s = conn.socket();
                        Bytes b = (Bytes) s.recv(4, 30_000);
                        s.send(b);
                        s.recv(0, 30_000); // until the client closes
                    } catch (InetException closed) {
                        // the client is gone
                    } finally {
                        running.decrementAndGet();
                    }
                });
        try {
            int port = Listener.port(name);
            AtomicBoolean sampling = new AtomicBoolean(true);
            AtomicInteger livePeak = new AtomicInteger();
            AtomicInteger permitPeak = new AtomicInteger();
            AtomicLong samples = new AtomicLong();
            Thread sampler = Thread.ofPlatform().name("storm-sampler").start(() -> {
                while (sampling.get()) {
                    ListenerInfo i = Listener.info(name);
                    livePeak.accumulateAndGet(i.allConnections(), Math::max);
                    permitPeak.accumulateAndGet(i.permitsInUse(), Math::max);
                    samples.incrementAndGet();
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                }
            });
            AtomicInteger next = new AtomicInteger();
            AtomicInteger ok = new AtomicInteger();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> clients = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            for (int t = 0; t < CLIENTS; t++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    while (next.getAndIncrement() < CONNECTIONS && System.nanoTime() < deadline) {
                        try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
                            s.setSoTimeout(60_000);
                            OutputStream out = s.getOutputStream();
                            InputStream in = s.getInputStream();
                            out.write("ping".getBytes());
                            byte[] back = in.readNBytes(4);
                            if (!new String(back).equals("ping")) {
                                throw new AssertionError("echo was " + new String(back));
                            }
                            ok.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            for (Thread c : clients) {
                c.join();
            }
            sampling.set(false);
            sampler.join();
            assertTrue(failures.isEmpty(), () -> failures.size() + " clients failed, first: " + failures.getFirst());
            assertEquals(CONNECTIONS, ok.get());
            assertTrue(samples.get() > 100, "the sampler ran " + samples.get() + " times");
            assertTrue(livePeak.get() <= MAX, "live connection processes peaked at " + livePeak.get());
            assertTrue(handlerPeak.get() <= MAX, "running handlers peaked at " + handlerPeak.get());
            assertTrue(permitPeak.get() <= MAX, "permits out peaked at " + permitPeak.get());
            // The storm did reach the limit: three times as many clients as slots.
            assertEquals(MAX, handlerPeak.get());
            Eventually.until("every connection process ended", Duration.ofSeconds(30),
                    () -> Listener.info(name).allConnections() == 0);
            // Every permit is back: only the ten idle acceptors hold one, for their next accept.
            Eventually.until("only the ten acceptors hold permits", () -> Listener.info(name).permitsInUse() == 10);
            assertEquals(0, running.get());
        } finally {
            Listener.stop(name);
        }
        // Nothing left behind: no process but otpnet's listener supervisor (started by the first
        // listener and kept), and no socket.
        java.util.function.Supplier<List<dev.otpnet.process.Pid>> left = () -> dev.otpnet.process.Proc.processes()
                .stream().filter(p -> !processesBefore.contains(p))
                .filter(p -> !dev.otpnet.process.Proc.whereis("otpnet_ranch_sup").map(p::equals).orElse(false))
                .toList();
        try {
            Eventually.until("the listener's processes are gone", () -> left.get().isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + left.get(), e);
        }
        try {
            Eventually.until("every socket is closed", () -> socketsBefore.containsAll(sockets()));
        } catch (AssertionError e) {
            List<String> now = sockets();
            now.removeAll(socketsBefore);
            StringBuilder where = new StringBuilder();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6", "/proc/net/unix", "/proc/net/udp",
                    "/proc/net/udp6", "/proc/net/netlink", "/proc/net/raw")) {
                try {
                    for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(table))) {
                        for (String sock : now) {
                            String inode = sock.substring(8, sock.length() - 1);
                            if ((line + " ").contains(" " + inode + " ")) {
                                where.append("\n").append(table).append(": ").append(line.trim());
                            }
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // not there
                }
            }
            throw new AssertionError(e.getMessage() + "; sockets left: " + now + where, e);
        }
    }

    /**
     * The network sockets this JVM has open, as /proc/self/fd names them ("socket:[inode]"). Unix
     * domain sockets are left out: the JDK opens one for itself as virtual threads need it.
     */
    private static List<String> sockets() {
        String unix;
        try {
            unix = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/net/unix")).replace('\n', ' ') + " ";
        } catch (java.io.IOException e) {
            unix = "";
        }
        List<String> out = new ArrayList<>();
        String[] fds = new java.io.File("/proc/self/fd").list();
        for (String f : fds == null ? new String[0] : fds) {
            try {
                String link = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd", f)).toString();
                if (link.startsWith("socket:") && !unix.contains(" " + link.substring(8, link.length() - 1) + " ")) {
                    out.add(link);
                }
            } catch (java.io.IOException gone) {
                // closed meanwhile
            }
        }
        return out;
    }
}
