package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.ONCE;
import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.backlog;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.linger;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.inet.Options.showEconnreset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Proc;
import dev.otpnet.testing.ErlangPeer;
import dev.otpnet.testing.Mailbox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** gen_tcp against a real Erlang/OTP gen_tcp peer, both directions. */
@Tag("interop")
class ErlangInteropTest {
    private static final int[] ALL_SIZES = {0, 1, 255, 256, 65535, 65536, 1 << 20};

    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    /** The sizes a packet type can carry (raw cannot carry an empty packet). */
    static String sizesFor(int packet) {
        return Arrays.stream(ALL_SIZES)
                .filter(s -> switch (packet) {
                    case 0 -> s > 0;
                    case 1 -> s <= 255;
                    case 2 -> s <= 65535;
                    default -> true;
                })
                .mapToObj(Integer::toString)
                .collect(Collectors.joining(","));
    }

    static Stream<Arguments> packetsAndModes() {
        List<Arguments> out = new ArrayList<>();
        for (int packet : new int[] {0, 1, 2, 4}) {
            out.add(Arguments.of(packet, ActiveMode.ONCE, "false"));
            out.add(Arguments.of(packet, ActiveMode.FALSE, "true"));
            out.add(Arguments.of(packet, ActiveMode.TRUE, "once"));
        }
        return out.stream();
    }

    /** A Java echo server: acceptor processes hand each connection to a handler process. */
    static TcpListenSocket javaEchoServer(int packet, ActiveMode mode, int acceptors) throws InetException {
        TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), binary(), packet(packet), active(mode),
                backlog(1024)));
        for (int i = 0; i < acceptors; i++) {
            Proc.spawn(() -> {
                while (true) {
                    TcpSocket s;
                    try {
                        s = l.accept();
                    } catch (InetException e) {
                        return;
                    }
                    var handler = Proc.spawn(() -> {
                        Proc.receive(String.class);
                        echo(s, mode);
                    });
                    try {
                        s.controllingProcess(handler);
                    } catch (InetException e) {
                        s.close();
                    }
                    handler.send("go");
                }
            });
        }
        return l;
    }

    private static void echo(TcpSocket s, ActiveMode mode) {
        try {
            while (true) {
                if (mode == ActiveMode.FALSE) {
                    s.send((Bytes) s.recv(0));
                    continue;
                }
                switch (Proc.receive(SocketMessage.class)) {
                    case SocketMessage.Data(var sock, Bytes data) -> {
                        s.send(data);
                        if (mode == ActiveMode.ONCE) {
                            s.setopts(List.of(active(ONCE)));
                        }
                    }
                    default -> {
                        return;
                    }
                }
            }
        } catch (InetException e) {
            s.close();
        }
    }

    @ParameterizedTest(name = "packet {0}, our server {1}, Erlang client active {2}")
    @MethodSource("packetsAndModes")
    void ourServerEchoesForAnErlangClient(int packet, ActiveMode ours, String theirs) throws Exception {
        try (TcpListenSocket l = javaEchoServer(packet, ours, 1);
                ErlangPeer erl = ErlangPeer.start("gen_tcp_peer.escript", "echo_client",
                        Integer.toString(l.port()), Integer.toString(packet), theirs, sizesFor(packet))) {
            erl.expectOk();
            assertEquals(sizesFor(packet).split(",").length, erl.seen().stream().filter(x -> x.startsWith("echoed")).count());
        }
    }

    @ParameterizedTest(name = "packet {0}, our client {1}, Erlang server active {2}")
    @MethodSource("packetsAndModes")
    void ourClientTalksToAnErlangEchoServer(int packet, ActiveMode ours, String theirs) throws Exception {
        try (ErlangPeer erl = ErlangPeer.start("gen_tcp_peer.escript", "echo_server", Integer.toString(packet),
                theirs, "1")) {
            TcpSocket s = GenTcp.connect("127.0.0.1", erl.port(), List.of(binary(), packet(packet), active(ours)), 10_000);
            for (String size : sizesFor(packet).split(",")) {
                int n = Integer.parseInt(size);
                byte[] data = new byte[n];
                for (int i = 0; i < n; i++) {
                    data[i] = (byte) ((i + 1) % 251);
                }
                s.send(data);
                assertEquals(Bytes.wrap(data), receive(s, ours, packet, n), "size " + n);
            }
            s.close();
            erl.expectOk();
        }
    }

    /** One echoed packet, or in raw mode as many chunks as make up {@code size} bytes. */
    private static Bytes receive(TcpSocket s, ActiveMode mode, int packet, int size) throws InetException {
        Bytes acc = Bytes.EMPTY;
        do {
            Bytes chunk;
            if (mode == ActiveMode.FALSE) {
                chunk = (Bytes) s.recv(0, 20_000);
            } else {
                chunk = (Bytes) ((SocketMessage.Data) Mailbox.nextSocketMessage()).data();
                if (mode == ActiveMode.ONCE) {
                    s.setopts(List.of(active(ONCE)));
                }
            }
            acc = acc.concat(chunk);
        } while (packet == 0 && acc.size() < size);
        return acc;
    }

    @Test
    void anErlangClientsHalfCloseStillGetsOurReply() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), binary(), active(false)));
                ErlangPeer erl = ErlangPeer.start("gen_tcp_peer.escript", "halfclose_client",
                        Integer.toString(l.port()))) {
            TcpSocket s = l.accept(20_000);
            Bytes request = Bytes.EMPTY;
            while (true) {
                try {
                    request = request.concat((Bytes) s.recv(0, 20_000));
                } catch (InetException e) {
                    assertEquals(dev.otpnet.inet.InetError.CLOSED, e.reason());
                    break;
                }
            }
            assertEquals(Bytes.latin1("request"), request);
            assertTrue(!s.isOpen(), "exit_on_close closed our side after the peer's FIN");
        }
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), binary(), active(false),
                dev.otpnet.inet.Options.exitOnClose(false)));
                ErlangPeer erl = ErlangPeer.start("gen_tcp_peer.escript", "halfclose_client",
                        Integer.toString(l.port()))) {
            TcpSocket s = l.accept(20_000);
            assertEquals(Bytes.latin1("request"), s.recv(7, 20_000));
            try {
                s.recv(0, 20_000);
            } catch (InetException e) {
                assertEquals(dev.otpnet.inet.InetError.CLOSED, e.reason());
            }
            s.send("the reply");
            s.close();
            assertEquals("reply the reply", erl.expect("reply"));
            erl.expectOk();
        }
    }

    @Test
    void anErlangResetIsEconnresetWithShowEconnreset() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), binary(), showEconnreset(true)));
                ErlangPeer erl = ErlangPeer.start("gen_tcp_peer.escript", "reset_client", Integer.toString(l.port()))) {
            TcpSocket s = l.accept(20_000);
            assertEquals(new SocketMessage.Data(s, Bytes.latin1("x")), Mailbox.nextSocketMessage());
            assertEquals(List.of(showEconnreset(true)), s.getopts(List.of(dev.otpnet.inet.OptionName.SHOW_ECONNRESET)),
                    "inherited from the listen socket");
            s.send("go");
            assertEquals(new SocketMessage.Error(s, Posix.ECONNRESET), Mailbox.nextSocketMessage());
            assertEquals(new SocketMessage.Closed(s), Mailbox.nextSocketMessage());
            erl.expectOk();
        }
    }

    @Test
    void ourResetIsEconnresetForAnErlangPeer() throws Exception {
        try (ErlangPeer erl = ErlangPeer.start("gen_tcp_peer.escript", "reset_observer")) {
            TcpSocket s = GenTcp.connect("127.0.0.1", erl.port(), List.of(binary(), linger(true, 0)), 10_000);
            s.send("before reset");
            assertEquals("data before reset", erl.expect("data"));
            s.close();
            assertEquals("tcp_error econnreset", erl.expect("tcp_error"));
            assertEquals("tcp_closed", erl.expect("tcp_closed"));
            erl.expectOk();
        }
    }

    @Test
    void aThousandConcurrentErlangClientsAreServed() throws Exception {
        try (TcpListenSocket l = javaEchoServer(4, ActiveMode.ONCE, 16);
                ErlangPeer erl = ErlangPeer.start("gen_tcp_peer.escript", "many_clients",
                        Integer.toString(l.port()), "1000")) {
            assertEquals("clients 1000", erl.expect("clients"));
            erl.expectOk();
        }
    }
}
