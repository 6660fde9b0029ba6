package dev.otpnet.examples;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.otpnet.inet.AnyOption;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslOptions;
import dev.otpnet.ssl.VerifyType;
import dev.otpnet.tcp.GenTcp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example servers under the faults a real server meets, each in its own JVM: running out of
 * file descriptors (the JVM runs under {@code prlimit --nofile}), and clients that connect and
 * close at once. A server must log the accept error, keep accepting once descriptors are free, and
 * be left with the processes, sockets and descriptors it had before. (WorkerPoolServer keeps the
 * manual's backlog of 5, so its storm is slower: a burst overflows the backlog and the kernel
 * retries the connections.)
 */
@Timeout(180)
class ExamplesUnderFaultsTest {
    /** The child's descriptor limit: enough for the JVM and a few dozen connections. */
    static final int NOFILE = 160;
    /** Connections a storm opens and closes at once. */
    static final int STORM = 200;
    static final long PATIENCE_MS = 30_000;

    /** One echo round trip with {@code example}'s client: true if it answered as it should. */
    private static void echo(String example, int port) throws InetException {
        String answer = switch (example) {
            case "WorkerPoolServer" -> {
                Object a = WorkerPoolServer.client(port, "ping");
                yield (String) a;
            }
            default -> {
                List<AnyOption> options = new ArrayList<>(List.of(binary(), packet(4), active(false)));
                InetSocket s;
                if (example.equals("TlsEchoServer")) {
                    options.add(SslOptions.verify(VerifyType.VERIFY_NONE));
                    s = Ssl.connect("127.0.0.1", port, options, 5000);
                } else {
                    s = GenTcp.connect("127.0.0.1", port, options.stream().map(o -> (dev.otpnet.inet.Option) o).toList(), 5000);
                }
                try {
                    s.send(Bytes.latin1("ping"));
                    yield ((Bytes) s.recv(0, 5000)).toString();
                } finally {
                    s.close();
                }
            }
        };
        String expected = example.equals("WorkerPoolServer") ? "PING" : Bytes.latin1("ping").toString();
        if (!expected.equals(answer)) {
            fail(example + " answered " + answer + " to ping");
        }
    }

    /**
     * Polls the child until it has {@code processes} processes and {@code sockets} sockets again,
     * and at most {@code maxFds} descriptors; returns those counts.
     */
    private static Child.Counts awaitCounts(Child child, int processes, int sockets, long maxFds) throws Exception {
        long deadline = System.nanoTime() + PATIENCE_MS * 1_000_000;
        Child.Counts now = child.counts();
        long pause = 10;
        while (!(now.processes() == processes && now.sockets() == sockets && now.fds() <= maxFds)) {
            if (System.nanoTime() > deadline) {
                fail("the example did not return to " + processes + " processes, " + sockets + " sockets, at most "
                        + maxFds + " descriptors; now " + now + "\n" + child.log());
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 200);
            now = child.counts();
        }
        assertTrue(now.mainRunning(), "the example's main thread still runs");
        return now;
    }

    /** Starts the child's I/O with one client, then the counts of the idle server, descriptors included. */
    private static Child.Counts warmUp(Child child, String example) throws Exception {
        Child.Counts idle = child.counts();
        echo(example, child.port); // also starts the JDK's I/O machinery before descriptors run out
        return awaitCounts(child, idle.processes(), idle.sockets(), Long.MAX_VALUE);
    }

    /** Waits until {@code example} answers again (it may be backing off after accept errors). */
    private static void awaitEcho(Child child, String example) throws Exception {
        long deadline = System.nanoTime() + PATIENCE_MS * 1_000_000;
        while (true) {
            try {
                echo(example, child.port);
                return;
            } catch (InetException e) {
                if (System.nanoTime() > deadline) {
                    fail(example + " never answered again: " + e + "\n" + child.log());
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * The child runs out of descriptors while a client waits in the backlog: every accept fails
     * with emfile until descriptors are free again. The server must say so in its log, keep its
     * JVM and its acceptors alive, and serve again afterwards.
     */
    @Tag("interop") // runs the child under prlimit (util-linux)
    @ParameterizedTest
    @ValueSource(strings = {"EchoServer", "WorkerPoolServer", "TlsEchoServer"})
    void aServerOutOfFileDescriptorsLogsBacksOffAndRecovers(String example) throws Exception {
        try (Child child = Child.start(example, NOFILE)) {
            Child.Counts before = warmUp(child, example);
            assertTrue(child.hog() > 0);
            try (Socket waiting = new Socket()) {
                waiting.connect(new InetSocketAddress("127.0.0.1", child.port), 5000); // into the backlog
                awaitLog(child, "emfile");
                assertTrue(child.isAlive(), "the example's JVM survives");
                child.release();
            }
            awaitEcho(child, example);
            awaitCounts(child, before.processes(), before.sockets(), before.fds());
        }
    }

    /**
     * The README's server runs out of descriptors the ordinary way: too many clients at once.
     * When they leave it serves again, and keeps nothing of them.
     */
    @Tag("interop") // runs the child under prlimit (util-linux)
    @Test
    void theEchoServerOutOfDescriptorsForItsClientsRecoversWhenTheyLeave() throws Exception {
        try (Child child = Child.start("EchoServer", NOFILE)) {
            Child.Counts before = warmUp(child, "EchoServer");
            List<Socket> flood = new ArrayList<>();
            try {
                // Connect until the child can accept no more: bounded by its limit, and a connect
                // that times out means the backlog is full behind a failing accept.
                for (int i = 0; i < NOFILE + 20 && !child.log().contains("emfile"); i++) {
                    Socket s = new Socket();
                    flood.add(s);
                    try {
                        s.connect(new InetSocketAddress("127.0.0.1", child.port), 2000);
                    } catch (IOException backlogFull) {
                        break;
                    }
                }
                awaitLog(child, "emfile");
                assertTrue(child.isAlive(), "the example's JVM survives");
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
            awaitEcho(child, "EchoServer");
            awaitCounts(child, before.processes(), before.sockets(), before.fds());
        }
    }

    private static void awaitLog(Child child, String text) throws Exception {
        long deadline = System.nanoTime() + PATIENCE_MS * 1_000_000;
        while (!child.log().contains(text)) {
            if (System.nanoTime() > deadline) {
                fail("no " + text + " in the example's log:\n" + child.log());
            }
            Thread.sleep(50);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EchoServer", "WorkerPoolServer", "TlsEchoServer"})
    void aStormOfClientsThatConnectAndCloseLeavesNothingBehind(String example) throws Exception {
        try (Child child = Child.start(example, 0)) {
            Child.Counts before = warmUp(child, example);
            for (int i = 0; i < STORM; i++) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", child.port), 5000);
                    if (i % 2 == 0) {
                        s.setSoLinger(true, 0); // half of them reset rather than close
                    }
                }
            }
            echo(example, child.port);
            awaitCounts(child, before.processes(), before.sockets(), before.fds());
        }
    }
}
