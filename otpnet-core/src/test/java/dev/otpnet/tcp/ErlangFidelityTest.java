package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.keepalive;
import static dev.otpnet.inet.Options.linger;
import static dev.otpnet.inet.Options.nodelay;
import static dev.otpnet.inet.Options.recbuf;
import static dev.otpnet.inet.Options.sendTimeout;
import static dev.otpnet.inet.Options.sendTimeoutClose;
import static dev.otpnet.inet.Options.sndbuf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Option;
import dev.otpnet.inet.OptionName;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.Loopback;
import dev.otpnet.testing.Mailbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Corners where otpnet answered differently from gen_tcp. Each expectation is what Erlang/OTP 25
 * answered to the same calls (an escript run by hand; the answers are quoted above each test).
 */
@Timeout(60)
class ErlangFidelityTest {

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    private static Option get(dev.otpnet.inet.InetPort s, OptionName n) throws InetException {
        return s.getopts(List.of(n)).getFirst();
    }

    private static TcpListenSocket listen(List<? extends Option> options) throws InetException {
        List<Option> o = new java.util.ArrayList<>(options);
        o.add(ip("127.0.0.1"));
        return GenTcp.listen(0, o);
    }

    // {ok,L} = gen_tcp:listen(0,[{active,2}]), inet:setopts(L,[{active,-2}]) -> ok,
    // then {tcp_passive,L} arrives and getopts says {active,false}.
    @Test
    void anActiveCountOnAListenSocketThatReachesZeroSendsPassive() throws Exception {
        try (TcpListenSocket l = listen(List.of(active(2)))) {
            l.setopts(List.of(active(-2)));
            assertEquals(new SocketMessage.Passive(l), Mailbox.nextSocketMessage());
            assertEquals(new Option.Active(ActiveMode.FALSE, 0), get(l, OptionName.ACTIVE));
            l.setopts(List.of(active(0)));
            assertEquals(new SocketMessage.Passive(l), Mailbox.nextSocketMessage(), "{active,0} says so again");
        }
    }

    // {active,2} then setopts {active,32767} -> {error,einval}; {active,1} -> ok, getopts {active,3}.
    @Test
    void anOverflowingActiveCountOnAListenSocketIsEinval() throws Exception {
        try (TcpListenSocket l = listen(List.of(active(2)))) {
            InetException e = assertThrows(InetException.class, () -> l.setopts(List.of(active(32767))));
            assertEquals(Posix.EINVAL, e.reason());
            assertEquals(new Option.Active(ActiveMode.N, 2), get(l, OptionName.ACTIVE), "unchanged after einval");
            l.setopts(List.of(active(1)));
            assertEquals(new Option.Active(ActiveMode.N, 3), get(l, OptionName.ACTIVE));
        }
    }

    // inet:setopts(S,[{active,32768}]) and [{active,-32769}] -> {error,einval} on connected and
    // listen sockets alike; gen_tcp:listen(0,[{active,32768}]) and connect raise badarg.
    @Test
    void anActiveCountOutsideTheRangeIsEinvalAtSetoptsAndBadargAtListenOrConnect() throws Exception {
        Option.Active tooMany = active(32768);
        Option.Active tooFew = active(-32769);
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            for (Option.Active a : List.of(tooMany, tooFew)) {
                assertEquals(Posix.EINVAL, assertThrows(InetException.class,
                        () -> p.server().setopts(List.of(a))).reason(), a.toString());
                assertEquals(Posix.EINVAL, assertThrows(InetException.class,
                        () -> p.listener().setopts(List.of(a))).reason(), a.toString());
            }
            assertThrows(IllegalArgumentException.class, () -> listen(List.of(tooMany)));
            int port = p.listener().port();
            assertThrows(IllegalArgumentException.class,
                    () -> GenTcp.connect("127.0.0.1", port, List.of(tooMany), 5000));
        }
    }

    // gen_tcp:close(S), inet:setopts(S,[{active,once}]) -> {error,einval}; getopts too; the same
    // on a closed listen socket.
    @Test
    void setoptsAndGetoptsOnAClosedSocketAreEinval() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false)))) {
            p.server().close();
            p.listener().close();
            for (dev.otpnet.inet.InetPort s : List.of(p.server(), p.listener())) {
                assertEquals(Posix.EINVAL, assertThrows(InetException.class,
                        () -> s.setopts(List.of(active(ActiveMode.ONCE)))).reason(), s.toString());
                assertEquals(Posix.EINVAL, assertThrows(InetException.class,
                        () -> s.getopts(List.of(OptionName.ACTIVE))).reason(), s.toString());
            }
            InetException send = assertThrows(InetException.class, () -> p.server().send("x"));
            assertEquals(InetError.CLOSED, send.reason(), "a send on a closed socket stays closed");
        }
    }

    // With {send_timeout,200},{send_timeout_close,true} to a peer that does not read: the send that
    // times out says {error,timeout}; the next send, and a recv, say {error,enotconn}; after
    // gen_tcp:close a send says {error,closed}.
    @Test
    void afterSendTimeoutCloseTheNextSendIsEnotconn() throws Exception {
        try (Loopback p = Loopback.open(List.of(binary(), active(false), recbuf(16384)),
                List.of(binary(), active(false), sendTimeout(200), sendTimeoutClose(true), sndbuf(16384)))) {
            Bytes chunk = Bytes.wrap(new byte[64 * 1024]);
            InetException first = null;
            for (int i = 0; i < 4096 && first == null; i++) {
                try {
                    p.client().send(chunk);
                } catch (InetException e) {
                    first = e;
                }
            }
            assertNotNull(first, "the peer never pushed back");
            assertEquals(InetError.TIMEOUT, first.reason());
            assertFalse(p.client().isOpen());
            assertEquals(Posix.ENOTCONN, assertThrows(InetException.class, () -> p.client().send("x")).reason());
            assertEquals(Posix.ENOTCONN, assertThrows(InetException.class, () -> p.client().send("x")).reason());
            assertEquals(Posix.ENOTCONN, assertThrows(InetException.class, () -> p.client().recv(0, 100)).reason());
        }
    }

    // gen_tcp:listen(0,[{sndbuf,8192},{nodelay,true},{keepalive,true},{linger,{true,5}}]):
    // getopts on the listen socket gives what the accepted socket reports ({sndbuf,16384}: Linux
    // doubles it), and without sndbuf the kernel's default (16384).
    @Test
    void getoptsOnAListenSocketReportsKernelOptions() throws Exception {
        try (Loopback p = Loopback.open(List.of(sndbuf(8192), nodelay(true), keepalive(true), linger(true, 5)),
                List.of())) {
            for (OptionName n : List.of(OptionName.SNDBUF, OptionName.NODELAY, OptionName.KEEPALIVE,
                    OptionName.LINGER, OptionName.RECBUF, OptionName.REUSEADDR)) {
                assertEquals(get(p.server(), n), get(p.listener(), n), n.toString());
            }
        }
        try (TcpListenSocket l = listen(List.of())) {
            Option sndbuf = get(l, OptionName.SNDBUF);
            assertTrue(sndbuf instanceof Option.Int i && i.value() > 0, sndbuf.toString());
            l.setopts(List.of(sndbuf(10000)));
            try (TcpSocket fresh = GenTcp.connect("127.0.0.1", l.port(), List.of(sndbuf(10000)), 5000)) {
                assertEquals(get(fresh, OptionName.SNDBUF), get(l, OptionName.SNDBUF), "setopts reaches it too");
            }
        }
    }
}
