package dev.otpnet.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.Reason;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Mailbox;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Erlang's nowait calls: a result at once, or a select handle and later one Select message. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NowaitTest {

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    private static Select selectFor(SelectInfo info) {
        return Proc.receive(Select.class, m -> m.handle().equals(info.handle()), Mailbox.DEADLINE_MS)
                .orElseThrow(() -> new AssertionError("no Select for " + info));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void acceptConnectRecvAndSendNowait(Kind kind) throws Exception {
        kind.assumeAvailable();
        Socket l = kind.open();
        Sockets.bind(l, kind.listenAddress());
        Sockets.listen(l);
        var pending = assertInstanceOf(Nowait.Selected.class, Sockets.acceptNowait(l));
        assertEquals("accept", pending.info().tag());
        Socket c = kind.open();
        switch (Sockets.connectNowait(c, Sockets.sockname(l))) {
            case Nowait.Ok<Boolean> ok -> { }
            case Nowait.Selected<Boolean> sel -> {
                assertEquals(c, selectFor(sel.info()).socket());
                Sockets.connect(c);
            }
        }
        Select ready = selectFor(pending.info());
        assertEquals(l, ready.socket());
        Socket a = ((Nowait.Ok<Socket>) Sockets.acceptNowait(l)).value();

        var read = assertInstanceOf(Nowait.Selected.class, Sockets.recvNowait(a, 0));
        assertEquals(Bytes.EMPTY, read.bytes());
        Sockets.send(c, Bytes.latin1("x"));
        selectFor(read.info());
        assertEquals(new Nowait.Ok<>(Bytes.latin1("x")), Sockets.recvNowait(a, 0));

        Sockets.send(c, Bytes.latin1("abc"));
        Sockets.send(c, Bytes.latin1("d"));
        // a length-N read hands out what it got so far with the handle, as Erlang's {select, {Info, Data}}
        Bytes got = Bytes.EMPTY;
        while (got.size() < 10) {
            switch (Sockets.recvNowait(a, 10 - got.size())) {
                case Nowait.Ok<Bytes>(Bytes b) -> got = got.concat(b);
                case Nowait.Selected<Bytes>(SelectInfo info, Bytes partial) -> {
                    got = got.concat(partial);
                    if (got.size() == 4) {
                        Sockets.send(c, Bytes.latin1("efghij"));
                    }
                    selectFor(info);
                }
            }
        }
        assertEquals(Bytes.latin1("abcdefghij"), got);
        assertEquals(new Nowait.Ok<>(true), Sockets.sendNowait(a, Bytes.latin1("reply")));
        assertEquals(Bytes.latin1("reply"), Sockets.recv(c, 5, 5000));
        for (Socket s : List.of(a, c, l)) {
            Sockets.close(s);
        }
    }

    @Test
    void aSendThatDoesNotFitReturnsTheRestAndASelectWhenThereIsRoom() throws Exception {
        try (Kind.Pair p = Kind.TCP4.pair()) {
            byte[] raw = new byte[32 << 20];
            new java.util.Random(11).nextBytes(raw);
            Bytes data = Bytes.wrap(raw);
            Bytes rest = data;
            long sent = 0;
            Nowait<Boolean> r = Sockets.sendNowait(p.client(), rest);
            var sel = assertInstanceOf(Nowait.Selected.class, r, "32 MiB does not fit the kernel's buffers");
            assertEquals("send", sel.info().tag());
            assertTrue(sel.bytes().size() < data.size() && sel.bytes().size() > 0);
            rest = sel.bytes();
            sent = data.size() - rest.size();
            Bytes first = Sockets.recv(p.server(), (int) sent, 10_000);
            assertEquals(data.slice(0, (int) sent), first);
            selectFor(sel.info());
            // after the Select, the rest is sent by repeating the call; a reader drains alongside
            Socket server = p.server();
            int left = rest.size();
            var drained = new java.util.concurrent.CompletableFuture<Bytes>();
            Proc.spawn(() -> {
                try {
                    drained.complete(Sockets.recv(server, left, 60_000));
                } catch (InetException e) {
                    drained.completeExceptionally(e);
                }
            });
            while (true) {
                Nowait<Boolean> again = Sockets.sendNowait(p.client(), rest);
                if (again instanceof Nowait.Selected<Boolean>(SelectInfo info, Bytes more)) {
                    rest = more;
                    selectFor(info);
                } else {
                    break;
                }
            }
            assertEquals(data.slice(data.size() - left, data.size()), drained.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void datagramRecvfromAndSendtoNowait() throws Exception {
        Socket a = Sockets.open(Domain.INET, Type.DGRAM);
        Sockets.bindLoopback(a);
        Socket b = Sockets.open(Domain.INET, Type.DGRAM);
        Sockets.bindLoopback(b);
        var sel = assertInstanceOf(Nowait.Selected.class, Sockets.recvfromNowait(b, 0));
        assertEquals("recvfrom", sel.info().tag());
        assertEquals(new Nowait.Ok<>(true), Sockets.sendtoNowait(a, Bytes.latin1("dgram"), Sockets.sockname(b)));
        selectFor(sel.info());
        var r = assertInstanceOf(Nowait.Ok.class, Sockets.recvfromNowait(b, 0));
        assertEquals(new Received(Sockets.sockname(a), Bytes.latin1("dgram")), r.value());
        Sockets.close(a);
        Sockets.close(b);
    }

    @Test
    void cancelWithdrawsTheWaitAndNoSelectComes() throws Exception {
        try (Kind.Pair p = Kind.TCP4.pair()) {
            var sel = assertInstanceOf(Nowait.Selected.class, Sockets.recvNowait(p.server(), 0));
            Sockets.cancel(p.server(), sel.info());
            InetException again = assertThrows(InetException.class, () -> Sockets.cancel(p.server(), sel.info()));
            assertEquals(new Reason.Tagged("invalid", sel.info()), again.reason());
            assertEquals(0, Sockets.info(p.server()).numReaders());
            // a second, uncancelled wait on the same socket gets its Select; the cancelled one never does
            var second = assertInstanceOf(Nowait.Selected.class, Sockets.recvNowait(p.server(), 0));
            Sockets.send(p.client(), Bytes.latin1("data"));
            selectFor(second.info());
            Sockets.monitor(p.server());
            Sockets.close(p.server());
            Mailbox.next(Down.class);   // the Down comes after anything the closed socket could send
            assertTrue(Proc.flush().stream().noneMatch(m -> m instanceof Select s && s.handle().equals(sel.info().handle())),
                    "a cancelled wait sent a Select");
        }
    }

    @Test
    void closingTheSocketAbortsPendingNowaitCalls() throws Exception {
        try (Kind.Pair p = Kind.TCP4.pair()) {
            var sel = assertInstanceOf(Nowait.Selected.class, Sockets.recvNowait(p.server(), 0));
            Sockets.close(p.server());
            Abort abort = Mailbox.next(Abort.class);
            assertEquals(new Abort(p.server(), sel.info().handle(), InetError.CLOSED), abort);
            assertEquals(InetError.CLOSED, assertThrows(InetException.class, () -> Sockets.recvNowait(p.server(), 0))
                    .reason());
        }
    }

    @Test
    void connectNowaitToAClosedPortReportsTheRefusalThroughConnect() throws Exception {
        Socket l = Sockets.open(Domain.INET, Type.STREAM);
        Sockets.bindLoopback(l);
        SockAddr gone = Sockets.sockname(l);
        Sockets.close(l);
        Socket c = Sockets.open(Domain.INET, Type.STREAM);
        InetException e = assertThrows(InetException.class, () -> {
            if (Sockets.connectNowait(c, gone) instanceof Nowait.Selected<Boolean> sel) {
                selectFor(sel.info());
                Sockets.connect(c);
            }
        });
        assertEquals(Posix.ECONNREFUSED, e.reason());
        Sockets.close(c);
    }

    /** A thousand pending nowait reads share the one poller thread: no thread per wait. */
    @Test
    void aThousandPendingNowaitReadsCostNoThreads() throws Exception {
        Socket l = Sockets.open(Domain.INET, Type.STREAM);
        Sockets.bindLoopback(l);
        Sockets.listen(l, 128);
        SockAddr where = Sockets.sockname(l);
        // warm the poller up so its thread exists before the count
        Socket warm = Sockets.open(Domain.INET, Type.DGRAM);
        Sockets.bindLoopback(warm);
        if (Sockets.recvNowait(warm, 0) instanceof Nowait.Selected<Bytes> w) {
            Sockets.cancel(warm, w.info());
        }
        int platformBefore = Threads.platform();
        int before = Threads.all();
        int n = 1000;
        List<Socket> clients = new ArrayList<>();
        List<Socket> servers = new ArrayList<>();
        List<SelectInfo> waits = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Socket c = Sockets.open(Domain.INET, Type.STREAM);
                Sockets.connect(c, where, 10_000);
                clients.add(c);
                Socket a = Sockets.accept(l, 10_000);
                servers.add(a);
                Nowait<Bytes> r = Sockets.recvNowait(a, 0);
                waits.add(assertInstanceOf(Nowait.Selected.class, r).info());
            }
            int during = Threads.all();
            assertTrue(during - before <= 4, "1,000 pending reads started " + (during - before)
                    + " threads, virtual ones included");
            assertTrue(Threads.platform() - platformBefore <= 4, "1,000 pending reads started platform threads");
            for (Socket s : servers) {
                assertEquals(1, Sockets.info(s).numReaders());
            }
            for (int i = 0; i < n; i++) {
                Sockets.send(clients.get(i), Bytes.latin1("m" + i));
            }
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < n; i++) {
                seen.add(Mailbox.next(Select.class).handle());
            }
            Set<Object> expected = new HashSet<>();
            waits.forEach(w -> expected.add(w.handle()));
            assertEquals(expected, seen);
            for (int i = 0; i < n; i++) {
                assertEquals(new Nowait.Ok<>(Bytes.latin1("m" + i)), Sockets.recvNowait(servers.get(i), 0));
            }
        } finally {
            for (Socket s : clients) {
                Sockets.close(s);
            }
            for (Socket s : servers) {
                Sockets.close(s);
            }
            Sockets.close(l);
            Sockets.close(warm);
        }
    }
}
