package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.InetException;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.ChildJvm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@code {packet,4}} header announcing 2<sup>31</sup>-5 bytes, then the body at full speed. The
 * receiver must cost about one byte per byte received (no doubling-and-copying, no native copy
 * of the whole free buffer per read), and when memory runs out the reader must not die silently:
 * the owner gets {@code Error} then {@code Closed} and the descriptor is closed. Each case runs in
 * a child JVM so its heap can be chosen.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class HugePacketTest {
    private static final int ANNOUNCED = Integer.MAX_VALUE - 4;
    private static final long MIB = 1024 * 1024;

    @Test
    void runningOutOfHeapEndsInErrorThenClosedAndAClosedDescriptor() throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of(), List.of("-Xmx256m", "-XX:+UseParallelGC"),
                HugePacketChild.class, "oom")) {
            int port = Integer.parseInt(child.expect("port ").substring(5));
            int before = Integer.parseInt(child.expect("sockets ").substring(8));
            AtomicLong streamed = new AtomicLong();
            Thread sender = Thread.ofPlatform().start(() -> stream(port, 1536 * MIB, streamed));
            String error = child.expect("error ", Duration.ofSeconds(90));
            assertEquals("error enomem", error, "the owner hears why");
            assertEquals("closed", child.expect("closed"));
            assertEquals("sockets " + before, child.expect("sockets "), "the connection's descriptor is closed");
            sender.join(TimeUnit.SECONDS.toMillis(60));
            assertTrue(!sender.isAlive(), "the peer's writes end: the connection is gone");
            child.expect("done");
            List<String> all = child.seenUntilExit();
            assertTrue(all.stream().noneMatch(l -> l.startsWith("uncaught ")), "a thread died: " + all);
        }
    }

    @Test
    void receivingAHugePacketCostsAboutOneBytePerByte() throws Exception {
        long target = 256 * MIB;
        try (ChildJvm child = ChildJvm.start(List.of(), List.of("-Xmx2g", "-XX:+UseParallelGC"),
                HugePacketChild.class, "measure", Long.toString(target))) {
            int port = Integer.parseInt(child.expect("port ").substring(5));
            child.expect("sockets ");
            AtomicLong streamed = new AtomicLong();
            Thread sender = Thread.ofPlatform().start(() -> stream(port, target, streamed));
            String line = child.expect("grew ", Duration.ofSeconds(120));
            // "grew <heap after GC> <rss>" in bytes, measured once target bytes arrived
            String[] f = line.split(" ");
            long heap = Long.parseLong(f[1]);
            long rss = Long.parseLong(f[2]);
            System.out.printf("after %d MiB of a huge packet: heap after GC +%d MiB, RSS +%d MiB%n",
                    target / MIB, heap / MIB, rss / MIB);
            assertTrue(heap < target * 3 / 2, "heap after GC grew by " + heap / MIB + " MiB for " + target / MIB);
            assertTrue(rss < target * 2, "RSS grew by " + rss / MIB + " MiB for " + target / MIB);
            child.close();
            sender.join(TimeUnit.SECONDS.toMillis(60));
        }
    }

    /**
     * Connects, announces ANNOUNCED bytes and writes up to {@code limit} bytes of body, until the
     * connection fails; then waits for the receiver to close.
     */
    private static void stream(int port, long limit, AtomicLong streamed) {
        try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            c.write(ByteBuffer.allocate(4).putInt(ANNOUNCED).flip());
            ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
            while (streamed.get() < limit) {
                chunk.clear();
                chunk.limit((int) Math.min(chunk.capacity(), limit - streamed.get()));
                streamed.addAndGet(c.write(chunk));
            }
            // Stay connected until the receiver goes: a FIN now would end the test early.
            c.read(ByteBuffer.allocate(1));
        } catch (IOException e) {
            // the receiver closed the connection: expected in the out-of-memory case
        }
    }

    /** The receiving side, in a child JVM. */
    public static final class HugePacketChild {
        public static void main(String[] args) throws Exception {
            ChildJvm.reportUncaught();
            TcpListenSocket l = GenTcp.listen(0, List.of(binary(), packet(4), ip("127.0.0.1")));
            say("port " + l.port());
            int before = sockets();
            say("sockets " + before);
            TcpSocket s = l.accept(60_000);
            if (args[0].equals("oom")) {
                while (true) {
                    Optional<SocketMessage> m = Proc.receive(SocketMessage.class, 120_000);
                    if (m.isEmpty()) {
                        say("fail: no message from the socket");
                        break;
                    }
                    switch (m.get()) {
                        case SocketMessage.Error e -> say("error " + e.reason());
                        case SocketMessage.Closed c -> say("closed");
                        default -> say("message " + m.get());
                    }
                    if (m.get() instanceof SocketMessage.Closed) {
                        break;
                    }
                }
                int after = sockets();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (after > before && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                    after = sockets();
                }
                say("sockets " + after);
                say("done");
            } else {
                long target = Long.parseLong(args[1]);
                System.gc();
                long heap0 = heapUsed();
                long rss0 = rss();
                while (received(s) < target) {
                    Thread.sleep(5);
                }
                System.gc();
                say("grew " + (heapUsed() - heap0) + " " + (rss() - rss0));
            }
            System.exit(0);
        }

        private static long received(TcpSocket s) throws InetException {
            return s.getstat().recvOct();
        }

        private static long heapUsed() {
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }

        static long rss() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IOException("no VmRSS in /proc/self/status");
        }

        /** Open socket descriptors of this process. */
        static int sockets() throws IOException {
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                return (int) fds.filter(p -> {
                    try {
                        return Files.readSymbolicLink(p).toString().startsWith("socket:");
                    } catch (IOException e) {
                        return false;
                    }
                }).count();
            }
        }

        private static void say(String line) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
