package dev.otpnet.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.Ref;
import dev.otpnet.testing.Eventually;
import dev.otpnet.testing.Mailbox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Readers take turns and writers take turns, as Erlang queues them: no call's bytes mix with another's. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TurnsTest {

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    private static Bytes run(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return Bytes.wrap(b);
    }

    @Test
    void concurrentBigSendsGoOutWholeOneAfterTheOther() throws Exception {
        try (Kind.Pair p = Kind.TCP4.pair()) {
            int size = 8 << 20;
            String letters = "abcd";
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (char c : letters.toCharArray()) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                done.add(f);
                Proc.spawn(() -> {
                    try {
                        Sockets.send(p.client(), run(c, size));
                        f.complete(null);
                    } catch (InetException e) {
                        f.completeExceptionally(e);
                    }
                });
            }
            Bytes all = Sockets.recv(p.server(), size * letters.length(), 60_000);
            for (CompletableFuture<Void> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            Set<Character> seen = new HashSet<>();
            for (int block = 0; block < letters.length(); block++) {
                Bytes part = all.slice(block * size, (block + 1) * size);
                char c = (char) part.get(0);
                assertEquals(run(c, size), part, "block " + block + " mixes two sends");
                seen.add(c);
            }
            assertEquals(letters.length(), seen.size());
        }
    }

    @Test
    void concurrentRecvsEachGetConsecutiveBytes() throws Exception {
        try (Kind.Pair p = Kind.TCP4.pair()) {
            int readers = 4;
            int each = 1 << 20;
            List<CompletableFuture<Bytes>> got = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                CompletableFuture<Bytes> f = new CompletableFuture<>();
                got.add(f);
                Proc.spawn(() -> {
                    try {
                        f.complete(Sockets.recv(p.server(), each, 60_000));
                    } catch (InetException e) {
                        f.completeExceptionally(e);
                    }
                });
            }
            byte[] data = new byte[readers * each];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i / each);   // block k is all k
            }
            Sockets.send(p.client(), Bytes.wrap(data));
            Set<Integer> blocks = new HashSet<>();
            for (CompletableFuture<Bytes> f : got) {
                Bytes b = f.get(60, TimeUnit.SECONDS);
                int k = b.get(0);
                assertEquals(Bytes.wrap(data).slice(k * each, (k + 1) * each), b, "a recv got bytes of two blocks");
                blocks.add(k);
            }
            assertEquals(readers, blocks.size());
        }
    }

    @Test
    void aNowaitSendWhileAnotherWriterHasItsTurnGetsItsSelectWhenTheTurnEnds() throws Exception {
        try (Kind.Pair p = Kind.TCP4.pair()) {
            int size = 32 << 20;
            CompletableFuture<Void> big = new CompletableFuture<>();
            Proc.spawn(() -> {
                try {
                    Sockets.send(p.client(), run('x', size));
                    big.complete(null);
                } catch (InetException e) {
                    big.completeExceptionally(e);
                }
            });
            Eventually.until("the big send waits for room", () -> Sockets.info(p.client()).numWriters() == 1);
            var sel = assertInstanceOf(Nowait.Selected.class, Sockets.sendNowait(p.client(), Bytes.latin1("tail")));
            assertEquals(Bytes.latin1("tail"), sel.bytes(), "nothing of it went while the other send had its turn");
            assertEquals(2, Sockets.info(p.client()).numWriters());
            CompletableFuture<Bytes> drained = new CompletableFuture<>();
            Proc.spawn(() -> {
                try {
                    drained.complete(Sockets.recv(p.server(), size + 4, 60_000));
                } catch (InetException e) {
                    drained.completeExceptionally(e);
                }
            });
            Select s = Mailbox.next(Select.class);
            assertEquals(sel.info().handle(), s.handle());
            big.get(60, TimeUnit.SECONDS);
            assertEquals(new Nowait.Ok<>(true), Sockets.sendNowait(p.client(), Bytes.latin1("tail")));
            Bytes all = drained.get(60, TimeUnit.SECONDS);
            assertEquals(run('x', size), all.slice(0, size));
            assertEquals(Bytes.latin1("tail"), all.slice(size, size + 4));
            assertTrue(Proc.flush().stream().noneMatch(m -> m instanceof Select));
        }
    }

    /** A reader killed while it waits takes nothing that arrives after its death; the next reader gets it. */
    @Test
    void aReaderKilledWhileWaitingLeavesLaterBytesToTheNext() throws Exception {
        for (int round = 0; round < 40; round++) {
            try (Kind.Pair p = Kind.TCP4.pair()) {
                Pid self = Proc.self();
                Pid waiter = Proc.spawn(() -> {
                    self.send("waiting");
                    try {
                        self.send(Sockets.recv(p.server(), 0, Sockets.INFINITY));
                    } catch (InetException e) {
                        self.send(e.reason());
                    }
                });
                assertEquals("waiting", Mailbox.next(Object.class));
                Ref ref = Proc.monitor(waiter);
                Proc.exit(waiter, ExitReason.KILL);
                assertEquals(ref, Mailbox.next(dev.otpnet.process.Down.class).ref());
                Sockets.send(p.client(), Bytes.latin1("after the death"));
                assertEquals(Bytes.latin1("after the death"), Sockets.recv(p.server(), 15, 5000), "round " + round);
            }
        }
    }
}
