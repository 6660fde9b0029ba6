package dev.otpnet.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Eventually;
import dev.otpnet.testing.Peers;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Faults: running out of descriptors, resets in the middle of a read, peers that stop reading; no leaks after. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SocketFaultsTest {

    private static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void openingAndClosingManySocketsLeaksNoDescriptorsOrThreads(Kind kind) throws Exception {
        kind.assumeAvailable();
        try (Kind.Pair warm = kind.pair()) {
            Sockets.send(warm.client(), Bytes.latin1("w"));
            Sockets.recv(warm.server(), 1, 5000);
        }
        Socket u = Sockets.open(Domain.INET, Type.DGRAM);
        Sockets.close(u);
        int fdsBefore = openFds();
        int threadsBefore = Threads.platform();
        int socketsBefore = Sockets.numberOf();
        for (int i = 0; i < 200; i++) {
            try (Kind.Pair p = kind.pair()) {
                if (Sockets.recvNowait(p.server(), 0) instanceof Nowait.Selected<Bytes> sel) {
                    Sockets.send(p.client(), Bytes.latin1("x"));
                    Proc.receive(Select.class, m -> m.handle().equals(sel.info().handle()), 10_000).orElseThrow();
                }
                Socket d = Sockets.open(Domain.INET, Type.DGRAM);
                Sockets.bindLoopback(d);
                Sockets.recvNowait(d, 0);   // left pending: close must abort it and free the descriptor
                Sockets.close(d);
            }
            Proc.flush();
        }
        assertEquals(socketsBefore, Sockets.numberOf());
        Eventually.until("the descriptors are back to " + fdsBefore + " (now " + openFds() + ")",
                () -> openFds() <= fdsBefore);
        assertTrue(Threads.platform() <= threadsBefore + 2, "threads grew from " + threadsBefore);
    }

    @Test
    void runningOutOfDescriptorsIsEmfileAndTheSocketsWorkAgainAfter() throws Exception {
        String prlimit = Peers.require("prlimit", "util-linux");
        long pid = ProcessHandle.current().pid();
        String[] old = run(prlimit, "--pid", String.valueOf(pid), "--nofile", "--raw", "--noheadings", "-o", "SOFT,HARD")
                .trim().split("\\s+");
        // classes load from target/classes one file at a time: load the error path while descriptors remain
        Socket gone = Sockets.open(Domain.INET, Type.STREAM);
        Sockets.bindLoopback(gone);
        SockAddr nobody = Sockets.sockname(gone);
        Sockets.close(gone);
        Socket probe = Sockets.open(Domain.INET, Type.STREAM);
        assertEquals(Posix.ECONNREFUSED, assertThrows(InetException.class, () -> Sockets.connect(probe, nobody, 5000))
                .reason());
        Sockets.close(probe);
        List<Socket> opened = new ArrayList<>();
        int limit = openFds() + 40;
        run(prlimit, "--pid", String.valueOf(pid), "--nofile=" + limit + ":" + old[1]);
        InetException failure = null;
        try {
            for (int i = 0; i < 200 && failure == null; i++) {
                try {
                    opened.add(Sockets.open(Domain.INET, Type.STREAM));
                } catch (InetException e) {
                    failure = e;
                }
            }
        } finally {
            for (Socket s : opened) {   // first: starting prlimit again needs descriptors
                Sockets.close(s);
            }
            Eventually.until("the descriptors are free again", () -> openFds() < limit - 20);
            run(prlimit, "--pid", String.valueOf(pid), "--nofile=" + old[0] + ":" + old[1]);
        }
        assertTrue(failure != null, "200 sockets opened under a limit of " + limit + " descriptors");
        assertEquals(Posix.EMFILE, failure.reason());
        try (Kind.Pair p = Kind.TCP4.pair()) {
            Sockets.send(p.client(), Bytes.latin1("again"));
            assertEquals(Bytes.latin1("again"), Sockets.recv(p.server(), 5, 5000));
        }
    }

    @Test
    void aResetInTheMiddleOfARecvIsEconnresetAndWakesTheReader() throws Exception {
        try (Kind.Pair p = Kind.TCP4.pair()) {
            CompletableFuture<Reason> seen = new CompletableFuture<>();
            Proc.spawn(() -> {
                try {
                    Sockets.recv(p.server(), 100, 20_000);
                    seen.complete(null);
                } catch (InetException e) {
                    seen.complete(e.reason());
                }
            });
            Eventually.until("the reader waits", () -> Sockets.info(p.server()).numReaders() == 1);
            Sockets.setopt(p.client(), SockOpt.SOCKET_LINGER, new Linger(true, 0));
            Sockets.close(p.client());
            assertEquals(Posix.ECONNRESET, seen.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void aPeerThatDoesNotReadMakesASendTimeOutWithTheRestAndTheSocketStaysUsable() throws Exception {
        try (Kind.Pair p = Kind.TCP4.pair()) {
            Bytes big = Bytes.wrap(new byte[64 << 20]);
            InetException e = assertThrows(InetException.class, () -> Sockets.send(p.client(), big, 300));
            Reason.Tagged t = (Reason.Tagged) e.reason();
            assertEquals("timeout", t.atom());
            Bytes rest = (Bytes) t.value();
            assertTrue(rest.size() > 0 && rest.size() < big.size(), "some went, some did not: " + rest.size());
            assertEquals(0, Sockets.info(p.client()).numWriters(), "the timed-out send left no waiter behind");
            int sent = big.size() - rest.size();
            CompletableFuture<Integer> drained = new CompletableFuture<>();
            Proc.spawn(() -> {
                try {
                    drained.complete(Sockets.recv(p.server(), sent + 3, 30_000).size());
                } catch (InetException x) {
                    drained.completeExceptionally(x);
                }
            });
            Sockets.send(p.client(), Bytes.latin1("end"));
            assertEquals(sent + 3, drained.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSendfileToAPeerThatDoesNotReadTimesOutWithTheBytesSent() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("otpnet-sendfile-big", ".bin");
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(256L << 20);   // sparse: 256 MiB of zeros that take no disk
        }
        try (Kind.Pair p = Kind.TCP4.pair();
             java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(file)) {
            InetException e = assertThrows(InetException.class, () -> Sockets.sendfile(p.client(), f, 0, 0, 300));
            Reason.Tagged t = (Reason.Tagged) e.reason();
            assertEquals("timeout", t.atom());
            long sent = (Long) t.value();
            assertTrue(sent > 0 && sent < (256L << 20), "sent " + sent);
            assertEquals((int) sent, Sockets.recv(p.server(), (int) sent, 30_000).size());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void aBlockedRecvEndsWithClosedWhenAnotherProcessClosesTheSocket() throws Exception {
        try (Kind.Pair p = Kind.TCP4.pair()) {
            CompletableFuture<Reason> seen = new CompletableFuture<>();
            Proc.spawn(() -> {
                try {
                    Sockets.recv(p.server(), 0);
                    seen.complete(null);
                } catch (InetException e) {
                    seen.complete(e.reason());
                }
            });
            Eventually.until("the reader waits", () -> Sockets.info(p.server()).numReaders() == 1);
            Sockets.close(p.server());
            assertEquals(InetError.CLOSED, seen.get(10, TimeUnit.SECONDS));
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
