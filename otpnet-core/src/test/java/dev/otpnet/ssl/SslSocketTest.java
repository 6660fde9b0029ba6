package dev.otpnet.ssl;

import dev.otpnet.testing.OnEngine;
import static dev.otpnet.inet.Options.ONCE;
import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.ssl.SslOptions.cacerts;
import static dev.otpnet.ssl.SslOptions.cert;
import static dev.otpnet.ssl.SslOptions.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.AnyOption;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpListenSocket;
import dev.otpnet.tcp.TcpSocket;
import dev.otpnet.testing.Mailbox;
import dev.otpnet.testing.TestPki;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ssl socket functions on our own two ends; real peers are in the interop tests. */
class SslSocketTest implements OnEngine {
    final List<SslOption> SERVER = withEngine(List.of(cert(TestPki.SERVER.chain().toArray(new java.security.cert.X509Certificate[0])),
            key(TestPki.SERVER.key())));
    final List<SslOption> CLIENT = withEngine(List.of(cacerts(TestPki.anchors())));



    @BeforeEach
    void emptyMailbox() {
        Proc.flush();
    }

    static List<AnyOption> with(List<? extends AnyOption> a, AnyOption... more) {
        List<AnyOption> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    /** A server process that transport-accepts, hands the socket to itself, handshakes and echoes. */
    static Pid echoServer(SslListenSocket l) {
        return Proc.spawn(() -> {
            try {
                SslSocket s = Ssl.transportAccept(l, 10_000);
                Ssl.handshake(s, 10_000);
                s.setopts(List.of(active(ONCE)));
                while (Proc.receive(SocketMessage.class, 10_000).orElse(null) instanceof SocketMessage.Data(var sock, var data)) {
                    sock.send((Bytes) data);
                    sock.setopts(List.of(active(ONCE)));
                }
            } catch (InetException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aTlsClientAndServerEchoFramedPacketsWithSslTaggedMessages() throws Exception {
        try (SslListenSocket l = Ssl.listen(0, with(SERVER, ip("127.0.0.1"), binary(), packet(4), active(false)))) {
            echoServer(l);
            SslSocket c = Ssl.connect("localhost", l.port(), with(CLIENT, binary(), packet(4)), 10_000);
            c.send("hello over tls");
            SocketMessage m = Mailbox.nextSocketMessage();
            assertEquals(new SocketMessage.Data(c, Bytes.latin1("hello over tls")), m);
            assertTrue(m.toString().startsWith("{ssl," + c + ","), m.toString());
            ConnectionInfo info = c.connectionInformation();
            assertEquals(TlsVersion.TLSV1_3, info.protocol());
            assertEquals(TestPki.SERVER.certificate(), c.peerCertificate());
            assertEquals(Bytes.wrap(TestPki.SERVER.certificate().getEncoded()), c.peercert());
            c.close();
        }
    }

    @Test
    void aRecvAfterTheSocketClosedOnAnOversizePacketIsClosedAsInErlangsSsl() throws Exception {
        try (SslListenSocket l = Ssl.listen(0, with(SERVER, ip("127.0.0.1"), binary(), active(false)))) {
            Proc.spawn(() -> {
                try {
                    SslSocket s = Ssl.transportAccept(l, 10_000);
                    Ssl.handshake(s, 10_000);
                    byte[] oversize = new byte[22];
                    oversize[1] = 20;
                    s.send(oversize);
                    Proc.receive(Object.class, 10_000);
                } catch (InetException e) {
                    throw new IllegalStateException(e);
                }
            });
            SslSocket c = Ssl.connect("localhost", l.port(),
                    with(CLIENT, binary(), packet(2), dev.otpnet.inet.Options.packetSize(10), active(false)), 10_000);
            assertEquals(Posix.EMSGSIZE, assertThrows(InetException.class, () -> c.recv(0, 10_000)).reason());
            // erl 25: ssl:recv/3 after that gives {error,closed}, every time
            assertEquals(InetError.CLOSED, assertThrows(InetException.class, () -> c.recv(0, 10_000)).reason());
            assertEquals(InetError.CLOSED, assertThrows(InetException.class, () -> c.recv(0, 10_000)).reason());
        }
    }

    @Test
    void passiveRecvReturnsWholePacketsOverTls() throws Exception {
        try (SslListenSocket l = Ssl.listen(0, with(SERVER, ip("127.0.0.1"), binary(), packet(2), active(false)))) {
            echoServer(l);
            SslSocket c = Ssl.connect("localhost", l.port(), with(CLIENT, binary(), packet(2), active(false)), 10_000);
            for (int size : new int[] {0, 1, 255, 256, 65535}) {
                byte[] data = new byte[size];
                java.util.Arrays.fill(data, (byte) 7);
                c.send(data);
                assertEquals(Bytes.wrap(data), c.recv(0, 10_000));
            }
            c.close();
        }
    }

    @Test
    void beforeTheHandshakeOnlyHandshakeAndOwnershipAreAllowed() throws Exception {
        try (SslListenSocket l = Ssl.listen(0, with(SERVER, ip("127.0.0.1")))) {
            Pid self = Proc.self();
            Proc.spawn(() -> {
                try {
                    self.send(Ssl.connect("localhost", l.port(), CLIENT, 10_000));
                } catch (InetException e) {
                    self.send("connect failed: " + e.reason());
                }
            });
            SslSocket s = Ssl.transportAccept(l, 10_000);
            InetException e = assertThrows(InetException.class, () -> s.send("too early"));
            assertEquals(Posix.EINVAL, e.reason());
            Pid handshaker = Proc.spawn(() -> {
                try {
                    Proc.receive(String.class);
                    Ssl.handshake(s, 10_000);
                    self.send("handshaken by " + Proc.self());
                    Proc.receive(String.class, 10_000);
                } catch (InetException ex) {
                    self.send("handshake failed: " + ex.reason());
                }
            });
            s.controllingProcess(handshaker);
            handshaker.send("go");
            assertEquals("handshaken by " + handshaker, Mailbox.next(String.class));
            assertInstanceOf(SslSocket.class, Mailbox.next(SslSocket.class));
            assertEquals(handshaker, s.owner());
        }
    }

    @Test
    void aClientThatDoesNotTrustTheServerFailsWithUnknownCa() throws Exception {
        try (SslListenSocket l = Ssl.listen(0, with(SERVER, ip("127.0.0.1")))) {
            Pid self = Proc.self();
            Proc.spawn(() -> {
                try {
                    SslSocket s = Ssl.transportAccept(l, 10_000);
                    Ssl.handshake(s, 10_000);
                    self.send("server finished");
                } catch (InetException e) {
                    self.send(e.reason());
                }
            });
            InetException e = assertThrows(InetException.class, () -> Ssl.connect("localhost", l.port(),
                    List.of(cacerts(TestPki.anchorsOf(TestPki.OTHER_CA))), 10_000));
            assertInstanceOf(TlsAlert.class, e.reason());
            assertEquals(AlertDescription.UNKNOWN_CA, ((TlsAlert) e.reason()).description());
            assertInstanceOf(TlsAlert.class, Mailbox.next(Object.class), "the server sees an alert too");
        }
    }

    @Test
    void aGenTcpSocketUpgradesToTlsAndDowngradesBack() throws Exception {
        try (TcpListenSocket l = GenTcp.listen(0, List.of(ip("127.0.0.1"), binary(), active(false)))) {
            Pid self = Proc.self();
            Proc.spawn(() -> {
                try {
                    TcpSocket t = l.accept(10_000);
                    assertEquals(Bytes.latin1("STARTTLS\n"), t.recv(9, 10_000));
                    t.send("GO\n");
                    SslSocket s = Ssl.handshake(t, SERVER, 10_000);
                    assertFalse(t.isOpen());
                    s.send((Bytes) s.recv(6, 10_000));
                    TcpSocket plain = Ssl.close(s, Proc.self(), 10_000);
                    plain.send("plain again");
                    self.send("server done");
                    Proc.receive(String.class, 10_000);
                } catch (Throwable e) {
                    self.send(e.toString());
                }
            });
            TcpSocket t = GenTcp.connect("127.0.0.1", l.port(), List.of(binary(), active(false)), 10_000);
            t.send("STARTTLS\n");
            assertEquals(Bytes.latin1("GO\n"), t.recv(3, 10_000));
            SslSocket s = Ssl.connect(t, with(CLIENT, dev.otpnet.ssl.SslOptions.serverNameIndication("localhost")), 10_000);
            s.send("secret");
            assertEquals(Bytes.latin1("secret"), s.recv(6, 10_000));
            TcpSocket plain = Ssl.close(s, Proc.self(), 10_000);
            assertEquals(Bytes.latin1("plain again"), plain.recv(11, 10_000));
            assertEquals("server done", Mailbox.next(String.class));
            assertFalse(s.isOpen());
            plain.close();
        }
    }

    @Test
    void tlsRunsOverATransportThatIsNotATcpSocketEvenAnotherTlsSession() throws Exception {
        try (SslListenSocket l = Ssl.listen(0, with(SERVER, ip("127.0.0.1"), binary(), active(false)))) {
            Pid self = Proc.self();
            Proc.spawn(() -> {
                try {
                    SslSocket outer = Ssl.transportAccept(l, 10_000);
                    Ssl.handshake(outer, 10_000);
                    SslSocket inner = Ssl.handshake(outer, with(SERVER, binary(), packet(2), active(false)), 10_000);
                    inner.send((Bytes) inner.recv(0, 10_000));
                    self.send(inner.connectionInformation().protocol());
                    Proc.receive(String.class, 10_000);
                } catch (InetException e) {
                    self.send(e.reason());
                }
            });
            SslSocket outer = Ssl.connect("localhost", l.port(), with(CLIENT, binary(), active(false)), 10_000);
            SslSocket inner = Ssl.connect(outer, with(CLIENT, dev.otpnet.ssl.SslOptions.serverNameIndication("localhost"),
                    binary(), packet(2), active(false)), 10_000);
            inner.send("tunnelled");
            assertEquals(Bytes.latin1("tunnelled"), inner.recv(0, 10_000));
            assertEquals(TlsVersion.TLSV1_3, Mailbox.next(TlsVersion.class));
            assertTrue(inner.getstat().sendOct() > 0);
            InetException noKernel = assertThrows(InetException.class,
                    () -> inner.getopts(List.of(dev.otpnet.inet.OptionName.NODELAY)));
            assertEquals(Posix.ENOTSUP, noKernel.reason(), "the inner session has no kernel socket of its own");
            inner.close();
        }
    }

    @Test
    void aClosedPeerGivesOneSslClosed() throws Exception {
        try (SslListenSocket l = Ssl.listen(0, with(SERVER, ip("127.0.0.1"), binary()))) {
            Pid self = Proc.self();
            Proc.spawn(() -> {
                try {
                    SslSocket s = Ssl.transportAccept(l, 10_000);
                    Ssl.handshake(s, 10_000);
                    s.send("bye");
                    s.close();
                } catch (InetException e) {
                    self.send(e.reason());
                }
            });
            SslSocket c = Ssl.connect("localhost", l.port(), with(CLIENT, binary()), 10_000);
            assertEquals(new SocketMessage.Data(c, Bytes.latin1("bye")), Mailbox.nextSocketMessage());
            SocketMessage closed = Mailbox.nextSocketMessage();
            assertEquals(new SocketMessage.Closed(c), closed);
            assertEquals("{ssl_closed," + c + "}", closed.toString());
        }
    }

    @Test
    void formatErrorGivesSslTexts() {
        assertEquals("TLS connection is closed", Ssl.formatError(InetError.CLOSED));
        assertEquals("connection refused", Ssl.formatError(Posix.ECONNREFUSED));
    }
}
