package dev.otpnet.examples;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.packet;
import static dev.otpnet.ssl.SslOptions.cacerts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.examples.demo.ConnectionHandlerFactory;
import dev.otpnet.examples.demo.DemoApp;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.otp.Application;
import dev.otpnet.otp.ChildInfo;
import dev.otpnet.otp.Supervisor;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.Ref;
import dev.otpnet.ssl.CertificateSpec;
import dev.otpnet.ssl.Certificates;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.Pem;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslListenSocket;
import dev.otpnet.ssl.SslSocket;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk-through's supervised TLS echo server, in Java ({@code dev.otpnet.examples.demo}),
 * driven by the walk-through's own client steps in Elixir, by an Erlang ssl client, and by Java
 * clients whose handler is made to crash.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DemoAppTest {

    /** A CA and a server certificate it issued: Erlang's ssl refuses a self-signed leaf as its own anchor. */
    static final Credential CA = Certificates.authority(CertificateSpec.authority("DemoApp test CA"));
    static final Credential SERVER = Certificates.issue(CA, CertificateSpec.leaf("localhost").withSubjectAltNames("DNS:localhost", "IP:127.0.0.1"));
    static final long PATIENCE_MS = 10_000;

    @TempDir
    Path dir;

    Application app;
    int port;
    Path ca;

    @BeforeEach
    void startDemoApp() throws Exception {
        Proc.flush();
        Path certificate = dir.resolve("certificate.pem");
        Path key = dir.resolve("key.pem");
        Pem.write(SERVER, certificate, key);
        ca = dir.resolve("ca.pem");
        Pem.writeCertificates(List.of(CA.certificate()), ca);
        AtomicInteger listening = new AtomicInteger();
        app = Application.start("DemoApp", () -> {
            SslListenSocket l = DemoApp.listen(0, certificate, key);
            listening.set(l.port());
            return DemoApp.start(l);
        });
        port = listening.get();
    }

    @AfterEach
    void stopDemoApp() {
        app.stop();
        assertTrue(Proc.whereis(ConnectionHandlerFactory.NAME).isEmpty());
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static List<Pid> handlers() {
        return Supervisor.whichChildren(ConnectionHandlerFactory.NAME).stream().map(c -> c.pid().orElseThrow()).toList();
    }

    private SslSocket client() throws InetException {
        return Ssl.connect("localhost", port, List.of(cacerts(List.of(CA.certificate())), binary(), packet(4), active(false)), PATIENCE_MS);
    }

    private static String echo(SslSocket s, String text) throws InetException {
        Ssl.send(s, text);
        return ((Bytes) Ssl.recv(s, 0, PATIENCE_MS)).latin1();
    }

    @Test
    @Tag("interop")
    void anElixirClientDoingWhatIex2DoesGetsItsEchoes() throws Exception {
        String elixir = Peers.require("elixir", "elixir");
        Path script = Path.of(getClass().getResource("/demo/iex2.exs").toURI());
        ScriptRun run = ScriptRun.run(List.of(elixir, script.toString(), Integer.toString(port), ca.toString(),
                "hello from iex-2", "and again"), 90);
        assertEquals(0, run.exit(), run.output());
        List<String> lines = run.output().lines().filter(l -> l.startsWith("echo ") || l.equals("ok")).toList();
        assertEquals(List.of("echo hello from iex-2", "echo and again", "ok"), lines, run.output());
        eventually("the closed connection's handler is gone and one acceptor waits", () -> handlers().size() == 1);
    }

    @Test
    @Tag("interop")
    void anErlangSslClientGetsEveryPacketBackWholeEvenALargeOne() throws Exception {
        String escript = Peers.require("escript", "erlang-base erlang-ssl");
        Path script = Path.of(getClass().getResource("/demo/ssl_client.escript").toURI());
        ScriptRun run = ScriptRun.run(List.of(escript, script.toString(), Integer.toString(port), ca.toString(), "one", "two"), 90);
        assertEquals(0, run.exit(), run.output());
        List<String> lines = run.output().lines().filter(l -> l.startsWith("echo ") || l.equals("ok")).toList();
        assertEquals(List.of("echo 3 one", "echo 3 two", "echo 100000 0123456789012345", "ok"), lines, run.output());
        eventually("the closed connection's handler is gone", () -> handlers().size() == 1);
    }

    @Test
    void eachClientHasItsOwnTemporaryHandlerAndACrashedOneIsNotRestartedNorFeltByTheOthers() throws Exception {
        assertEquals(1, handlers().size(), "one handler waits in transport_accept");
        SslSocket a = client();
        assertEquals("from a", echo(a, "from a"));
        Pid handlerOfA = handlers().getFirst();
        SslSocket b = client();
        assertEquals("from b", echo(b, "from b"));
        List<Pid> before = handlers();
        assertEquals(3, before.size(), "a's handler, b's handler and the next acceptor");

        Ref ref = Proc.monitor(handlerOfA);
        Proc.exit(handlerOfA, "crash");
        assertEquals("crash", Proc.receive(dev.otpnet.process.Down.class, d -> d.ref().equals(ref), PATIENCE_MS).orElseThrow().reason());
        InetException closed = assertThrows(InetException.class, () -> Ssl.recv(a, 0, PATIENCE_MS));
        assertTrue(closed.reason() == Posix.ECONNRESET || closed.reason().toString().equals("closed"), closed.toString());

        assertEquals("b lives on", echo(b, "b lives on"));
        assertEquals(before.subList(1, 3), handlers(), "the crashed handler is not restarted (temporary) and nobody else moved");
        SslSocket c = client();
        assertEquals("from c", echo(c, "from c"));
        assertTrue(Proc.isAlive(app.supervisor()));
        Ssl.close(b);
        Ssl.close(c);
        eventually("closed clients' handlers stop normally", () -> handlers().size() == 1);
        assertFalse(handlers().contains(handlerOfA));
        for (ChildInfo info : Supervisor.whichChildren(ConnectionHandlerFactory.NAME)) {
            assertTrue(info.pid().isPresent());
        }
        List<Object> stray = new ArrayList<>(Proc.flush());
        assertEquals(List.of(), stray);
    }

    @Test
    void aHandlerWhoseHandshakeFailsCrashesAloneAndTheServerGoesOn() throws Exception {
        Pid acceptor = handlers().getFirst();
        Ref ref = Proc.monitor(acceptor);
        TcpSocket raw = GenTcp.connect("127.0.0.1", port, List.of(active(false)), PATIENCE_MS);
        GenTcp.send(raw, "GET / HTTP/1.0\r\n\r\n"); // not TLS: the handshake fails and the handler crashes
        Object reason = Proc.receive(dev.otpnet.process.Down.class, d -> d.ref().equals(ref), PATIENCE_MS).orElseThrow().reason();
        assertTrue(reason instanceof dev.otpnet.process.Crash, "let it crash: " + reason);
        GenTcp.close(raw);
        eventually("one acceptor waits, the crashed handler was not restarted", () -> handlers().size() == 1 && !handlers().contains(acceptor));
        SslSocket after = client();
        assertEquals("still serving", echo(after, "still serving"));
        Ssl.close(after);
    }

    @Test
    void stoppingTheApplicationKillsTheHandlersAndClosesTheListenSocket() throws Exception {
        SslSocket a = client();
        assertEquals("x", echo(a, "x"));
        List<Pid> running = handlers();
        app.stop();
        running.forEach(h -> assertFalse(Proc.isAlive(h)));
        assertThrows(InetException.class, () -> Ssl.recv(a, 0, PATIENCE_MS));
        assertThrows(InetException.class, this::client);
        app = Application.start("DemoApp", () -> DemoApp.start(DemoApp.listen(0, dir.resolve("certificate.pem"), dir.resolve("key.pem"))));
        assertTrue(Files.exists(ca));
    }
}
