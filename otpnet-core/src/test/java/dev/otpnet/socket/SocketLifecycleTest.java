package dev.otpnet.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.Ref;
import dev.otpnet.testing.Eventually;
import dev.otpnet.testing.Mailbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ownership, monitors, and what is open: number_of, which_sockets, info, i. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketLifecycleTest {

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    @Test
    void aSocketClosesWhenTheProcessThatOpenedItExits() throws Exception {
        CompletableFuture<Socket> opened = new CompletableFuture<>();
        Pid owner = Proc.spawn(() -> {
            try {
                opened.complete(Sockets.open(Domain.INET, Type.STREAM));
            } catch (InetException e) {
                opened.completeExceptionally(e);
            }
            Proc.receive();
        });
        Socket s = opened.get(10, TimeUnit.SECONDS);
        assertEquals(owner, Sockets.info(s).owner());
        assertTrue(Sockets.whichSockets(owner).contains(s));
        Ref ref = Sockets.monitor(s);
        Proc.exit(owner, "boom");
        Down down = Mailbox.next(Down.class);
        assertEquals(new Down(ref, s, InetError.CLOSED), down);
        assertEquals("{'DOWN'," + ref + ",socket," + s + ",closed}", down.toString());
        assertFalse(Sockets.whichSockets().contains(s));
        assertEquals(InetError.CLOSED, assertThrows(InetException.class, () -> Sockets.sockname(s)).reason());
    }

    @Test
    void anAcceptedSocketBelongsToTheAcceptingProcess() throws Exception {
        Socket l = Sockets.open(Domain.INET, Type.STREAM);
        Sockets.bindLoopback(l);
        Sockets.listen(l);
        CompletableFuture<Socket> accepted = new CompletableFuture<>();
        Pid acceptor = Proc.spawn(() -> {
            try {
                accepted.complete(Sockets.accept(l, 10_000));
            } catch (InetException e) {
                accepted.completeExceptionally(e);
            }
            Proc.receive();
        });
        Socket c = Sockets.open(Domain.INET, Type.STREAM);
        Sockets.connect(c, Sockets.sockname(l));
        Socket a = accepted.get(10, TimeUnit.SECONDS);
        assertEquals(acceptor, Sockets.info(a).owner());
        Sockets.monitor(a);
        acceptor.send("stop");
        Mailbox.next(Down.class);
        assertEquals(InetError.CLOSED, assertThrows(InetException.class, () -> Sockets.recv(c, 0, 5000)).reason());
        Sockets.close(c);
        Sockets.close(l);
    }

    @Test
    void controllingProcessHandsTheSocketOnAndOnlyTheOwnerMay() throws Exception {
        try (Kind.Pair p = Kind.TCP4.pair()) {
            Socket a = p.server();
            CompletableFuture<dev.otpnet.inet.Reason> strangerTried = new CompletableFuture<>();
            Proc.spawn(() -> {
                try {
                    Sockets.setopt(a, SockOpt.OTP_CONTROLLING_PROCESS, Proc.self());
                    strangerTried.complete(null);
                } catch (InetException e) {
                    strangerTried.complete(e.reason());
                }
            });
            assertEquals(InetError.NOT_OWNER, strangerTried.get(10, TimeUnit.SECONDS));
            Pid dead = Proc.spawn(() -> { });
            Eventually.until("the process is dead", () -> !Proc.isAlive(dead));
            assertEquals(InetError.BADARG, assertThrows(InetException.class,
                    () -> Sockets.setopt(a, SockOpt.OTP_CONTROLLING_PROCESS, dead)).reason());

            Pid handler = Proc.spawn(() -> Proc.receive());
            Sockets.setopt(a, SockOpt.OTP_CONTROLLING_PROCESS, handler);
            assertEquals(handler, Sockets.getopt(a, SockOpt.OTP_CONTROLLING_PROCESS));
            assertEquals(handler, Sockets.info(a).owner());
            assertTrue(Sockets.whichSockets(handler).contains(a));
            Ref ref = Sockets.monitor(a);
            handler.send("stop");
            assertEquals(new Down(ref, a, InetError.CLOSED), Mailbox.next(Down.class), "the new owner's exit closes it");
        }
    }

    @Test
    void anAcceptorHandsTheSocketToAHandlerAndExitsWithoutClosingIt() throws Exception {
        Socket l = Sockets.open(Domain.INET, Type.STREAM);
        Sockets.bindLoopback(l);
        Sockets.listen(l);
        Pid handler = Proc.spawn(() -> Proc.receive());
        CompletableFuture<Socket> handedOn = new CompletableFuture<>();
        Pid acceptor = Proc.spawn(() -> {
            try {
                Socket a = Sockets.accept(l, 10_000);
                Sockets.setopt(a, SockOpt.OTP_CONTROLLING_PROCESS, handler);
                handedOn.complete(a);
            } catch (InetException e) {
                handedOn.completeExceptionally(e);
            }
        });
        Socket c = Sockets.open(Domain.INET, Type.STREAM);
        Sockets.connect(c, Sockets.sockname(l), 10_000);
        Socket a = handedOn.get(10, TimeUnit.SECONDS);
        Eventually.until("the acceptor has exited", () -> !Proc.isAlive(acceptor));
        Sockets.send(c, dev.otpnet.inet.Bytes.latin1("still open"));
        assertEquals(dev.otpnet.inet.Bytes.latin1("still open"), Sockets.recv(a, 10, 5000));
        assertEquals(handler, Sockets.info(a).owner());
        handler.send("stop");
        Eventually.until("the handler's exit closed the socket", () -> !Sockets.whichSockets().contains(a));
        Sockets.close(c);
        Sockets.close(l);
    }

    @Test
    void aMonitorOnAClosedSocketFiresAtOnceAndCancelMonitorStopsIt() throws Exception {
        Socket s = Sockets.open(Domain.INET, Type.DGRAM);
        Ref kept = Sockets.monitor(s);
        Ref cancelled = Sockets.monitor(s);
        assertTrue(Sockets.cancelMonitor(cancelled));
        assertFalse(Sockets.cancelMonitor(cancelled));
        assertTrue(Sockets.info().get("num_monitors") >= 1);
        Sockets.close(s);
        assertEquals(kept, Mailbox.next(Down.class).ref());
        Ref late = Sockets.monitor(s);
        assertEquals(new Down(late, s, InetError.CLOSED), Mailbox.next(Down.class));
        assertTrue(Proc.flush().stream().noneMatch(m -> m instanceof Down d && d.ref().equals(cancelled)));
    }

    @Test
    void monitorQueriesAndAWatchersExitEndsItsMonitors() throws Exception {
        Socket s = Sockets.open(Domain.INET, Type.STREAM);
        int before = Sockets.numberOfMonitors();
        Ref mine = Sockets.monitor(s);
        CompletableFuture<Ref> theirs = new CompletableFuture<>();
        Pid watcher = Proc.spawn(() -> {
            theirs.complete(Sockets.monitor(s));
            Proc.receive();
        });
        Ref other = theirs.get(10, TimeUnit.SECONDS);
        assertEquals(before + 2, Sockets.numberOfMonitors());
        assertEquals(1, Sockets.numberOfMonitors(watcher));
        assertEquals(List.of(other), Sockets.whichMonitors(watcher));
        assertTrue(Sockets.whichMonitors(Proc.self()).contains(mine));
        assertEquals(java.util.Set.of(mine, other), new java.util.HashSet<>(Sockets.whichMonitors(s)));
        assertEquals(java.util.Set.of(Proc.self(), watcher), new java.util.HashSet<>(Sockets.monitoredBy(s)));
        watcher.send("stop");
        Eventually.until("the dead watcher's monitor is gone", () -> Sockets.monitoredBy(s).equals(List.of(Proc.self())));
        assertEquals(before + 1, Sockets.numberOfMonitors());
        assertFalse(Sockets.cancelMonitor(other));
        assertEquals("plain", Sockets.whichSocketKind(s));
        assertTrue(Sockets.toList(s).startsWith("#Socket<0."), Sockets.toList(s));
        Sockets.close(s);
        assertEquals(mine, Mailbox.next(Down.class).ref());
        assertEquals(before, Sockets.numberOfMonitors());
    }

    @Test
    void numberOfWhichSocketsInfoAndI() throws Exception {
        int before = Sockets.numberOf();
        Socket tcp = Sockets.open(Domain.INET, Type.STREAM);
        Socket udp = Sockets.open(Domain.INET, Type.DGRAM);
        Sockets.bindLoopback(udp);
        Socket local = Sockets.open(Domain.LOCAL, Type.STREAM);
        Eventually.until("three more sockets", () -> Sockets.numberOf() >= before + 3);
        assertTrue(Sockets.whichSockets().containsAll(List.of(tcp, udp, local)));
        assertTrue(Sockets.whichSockets(Type.DGRAM).contains(udp));
        assertFalse(Sockets.whichSockets(Type.DGRAM).contains(tcp));
        assertTrue(Sockets.whichSockets(Protocol.TCP).contains(tcp));
        assertTrue(Sockets.whichSockets(Domain.LOCAL).contains(local));
        assertTrue(Sockets.whichSockets(Proc.self()).containsAll(List.of(tcp, udp, local)));
        assertTrue(Sockets.whichSockets(s -> s == udp).equals(List.of(udp)));
        assertTrue(Sockets.info().get("num_sockets") >= 3);
        assertTrue(Sockets.info().get("num_tdgrams") >= 1);

        SocketInfo info = Sockets.info(udp);
        assertEquals(Domain.INET, info.domain());
        assertEquals(Type.DGRAM, info.type());
        assertEquals(Protocol.UDP, info.protocol());
        assertEquals(List.of("bound"), info.rstates());
        assertEquals(Proc.self(), info.owner());
        assertEquals(0L, info.counters().get("read_byte"));
        assertEquals(List.of("open"), Sockets.info(tcp).rstates());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Sockets.i(new PrintStream(out, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.startsWith("Domain"), table);
        assertTrue(table.contains("Local Address") && table.contains("Remote Address"), table);
        SockAddr.In where = (SockAddr.In) Sockets.sockname(udp);
        assertTrue(table.contains("127.0.0.1:" + where.port()), table);
        assertTrue(table.contains("DGRAM") && table.contains("UDP"), table);
        assertTrue(tcp.toString().startsWith("{'$socket',#Ref<"), tcp.toString());

        for (Socket s : List.of(tcp, udp, local)) {
            Sockets.close(s);
        }
        assertFalse(Sockets.whichSockets().contains(udp));
    }
}
