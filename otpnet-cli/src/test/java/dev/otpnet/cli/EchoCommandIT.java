package dev.otpnet.cli;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetError;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.ssl.Pem;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslOptions;
import dev.otpnet.ssl.SslSocket;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpSocket;
import dev.otpnet.testing.ErlangPeer;
import dev.otpnet.testing.Eventually;
import dev.otpnet.testing.Peers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/otpnet echo --tls} as a user runs it, in a fresh {@code HOME}: one server for the
 * whole class (a JVM start is the expensive part), talked to by real Erlang, Elixir and OpenSSL
 * clients and by {@code otpnet client}; the last test stops it with SIGTERM under load.
 */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EchoCommandIT {
    @TempDir
    static Path home;

    static Otpnet server;
    static int port;
    static Path ca;
    /** Connected at the start and silent: the handshake time-out (5 s by default) must close it. */
    static TcpSocket silent;
    static int silentPort;
    static long silentSince;

    @BeforeAll
    static void startTheServerInAFreshHome() {
        server = Otpnet.start(home, "echo", "--tls", "--port", "0", "--drain-timeout", "30");
        port = server.awaitListening();
        ca = home.resolve(".otpnet").resolve("ca.pem");
        try {
            silentSince = System.nanoTime(); // before the connect: the server's clock starts later
            silent = GenTcp.connect("127.0.0.1", port, List.of(binary(), active(false)), 10_000);
            silentPort = silent.sockname().getPort();
        } catch (InetException e) {
            throw new AssertionError("cannot connect to the server", e);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            System.out.println("the server's stderr:\n" + String.join("\n", server.stderr())); // for the report
        }
    }

    @Test
    @Order(1)
    void zeroSetUpMadeACaOnceAndSaysHowToTrustIt() throws Exception {
        server.awaitLog("made a CA and a certificate for localhost and 127.0.0.1 in " + home.resolve(".otpnet"));
        String trust = server.awaitLog("trust this CA: " + ca);
        assertTrue(trust.endsWith("(SHA-256 fingerprint " + fingerprint(ca) + ")"), trust);
        server.awaitLog("check with: openssl s_client -connect 127.0.0.1:" + port + " -CAfile " + ca
                + " -verify_hostname localhost -verify_return_error");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ca.getParent())));
        for (String f : List.of("ca.pem", "ca-key.pem", "cert.pem", "key.pem")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ca.resolveSibling(f))), f);
        }
    }

    @Test
    @Order(2)
    void anErlangSslClientWithPacket4VerifiesTheChainAndTheHostName() {
        try (ErlangPeer client = ErlangPeer.start("otpnet_cli_peer.escript", "client", String.valueOf(port),
                ca.toString(), "localhost", "hello", "", "wörld")) {
            assertTrue(client.expect("info: ").startsWith("info: 'tlsv1.3' \"TLS_"), client.seen().toString());
            assertEquals("echo: hello", client.expect("echo: "));
            assertEquals("echo: ", client.expect("echo: "));
            assertEquals("echo: wörld", client.expect("echo: "));
            client.expectOk();
        }
        // and the server logged the connection's end: peer, protocol, cipher, bytes (5 + 0 + 6)
        Pattern ended = Pattern.compile(".*INFO echo: connection 127\\.0\\.0\\.1:\\d+ ended \\(closed\\) after \\d+ ms: "
                + "tlsv1\\.3 TLS_[A-Z0-9_]+, 11 bytes in, 11 bytes out");
        Eventually.until("the connection-end line", () -> server.stderr().stream().anyMatch(l -> ended.matcher(l).matches()));
    }

    @Test
    @Order(3)
    void theWalkThroughsElixirClientGetsItsEcho(@TempDir Path dir) throws Exception {
        String elixir = Peers.require("elixir", "elixir");
        // iex-2 of the walk-through, verifying the server as a client should today
        String code = """
                :ssl.start()
                [port, ca] = System.argv()
                {:ok, s} = :ssl.connect(~c"localhost", String.to_integer(port),
                  [packet: 4, verify: :verify_peer, cacertfile: String.to_charlist(ca)])
                :ssl.send(s, "hello from elixir")
                receive do
                  {:ssl, ^s, data} -> IO.puts("got: #{data}")
                after 20_000 -> IO.puts("no reply"); System.halt(1)
                end
                :ssl.close(s)
                """;
        Process p = new ProcessBuilder(elixir, "-e", code, String.valueOf(port), ca.toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = readAll(p, 60);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.lines().anyMatch(l -> l.equals("got: hello from elixir")), out);
    }

    @Test
    @Order(4)
    void opensslSClientVerifiesTheServerAgainstThePrintedCa() throws Exception {
        String openssl = Peers.require("openssl", "openssl");
        Process p = new ProcessBuilder(openssl, "s_client", "-connect", "127.0.0.1:" + port, "-CAfile", ca.toString(),
                "-servername", "localhost", "-verify_hostname", "localhost", "-verify_return_error", "-brief")
                .redirectErrorStream(true).start();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> copy(p.getInputStream(), seen));
        try (OutputStream in = p.getOutputStream()) {
            in.write(new byte[] {0, 0, 0, 11});
            in.write("from s_clnt".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            Eventually.until("s_client prints the echo", () -> text(seen).contains("from s_clnt"));
        } // stdin ends: s_client closes
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "s_client did not exit");
        reader.join(10_000);
        String out = text(seen);
        assertTrue(out.contains("Verification: OK"), out);
        assertTrue(out.contains("Verified peername: localhost"), out);
        assertTrue(out.contains("\0\0\0\u000bfrom s_clnt"), "the {packet,4} frame comes back whole: " + out);
    }

    @Test
    @Order(5)
    void otpnetClientEchoesEachStdinLineAndSaysWhichCheckRefusedTheServer() {
        Otpnet.Result ok = Otpnet.run(home, "one\n\nthree\n", "client", "localhost", String.valueOf(port), "--tls");
        assertEquals(0, ok.exit(), ok.toString());
        assertEquals(List.of("one", "", "three"), ok.stdout());
        assertEquals(List.of(), ok.stderr());

        Otpnet.Result wrongName = Otpnet.run(home, "x\n", "client", "127.0.0.1", String.valueOf(port), "--tls",
                "--servername", "example.com");
        assertEquals(1, wrongName.exit(), wrongName.toString());
        assertEquals(1, wrongName.stderr().size(), wrongName.toString());
        assertTrue(wrongName.stderr().getFirst().startsWith("otpnet client: cannot connect to 127.0.0.1:" + port + ": "),
                wrongName.toString());
        assertTrue(wrongName.stderr().getFirst().contains("hostname_check_failed"), wrongName.toString());
    }

    @Test
    @Order(6)
    void aClientThatNeverStartsItsHandshakeIsClosedAfterTheHandshakeTimeout() {
        InetException closed = assertThrows(InetException.class, () -> silent.recv(0, 30_000));
        assertEquals(InetError.CLOSED, closed.reason());
        long ms = (System.nanoTime() - silentSince) / 1_000_000;
        assertTrue(ms >= 5_000, "closed after " + ms + " ms, before the 5 s handshake timeout");
        // the listener logs the refusal: the client and the stage it failed in
        server.awaitLog(Pattern.compile(".*INFO listener: listener otpnet_echo: connection from 127\\.0\\.0\\.1:"
                + silentPort + " closed in tls_handshake: timeout"));
    }

    @Test
    @Order(7)
    void aSecondRunInTheSameHomeReusesTheCa() throws Exception {
        String before = Files.readString(ca);
        try (Otpnet second = Otpnet.start(home, "echo", "--tls", "--port", "0")) {
            int secondPort = second.awaitListening();
            assertNotEquals(port, secondPort);
            second.awaitLog("using the CA and certificate made earlier in " + home.resolve(".otpnet"));
            assertTrue(second.awaitLog("trust this CA: ").endsWith("(SHA-256 fingerprint " + fingerprint(ca) + ")"));
            assertEquals(before, Files.readString(ca));
            // the second server presents a certificate the first CA verifies
            try (SslSocket c = Ssl.connect("localhost", secondPort, List.of(SslOptions.cacerts(Pem.readCertificates(ca)),
                    binary(), packet(4), active(false)), 10_000)) {
                c.send("same CA");
                assertEquals(Bytes.latin1("same CA"), c.recv(0, 10_000));
            }
            second.signal("INT");
            assertEquals(0, second.awaitExit(), second.stderr().toString());
            assertEquals(List.of("listening on 127.0.0.1:" + secondPort), second.stdout());
            assertTrue(second.stderr().stream().noneMatch(l -> l.contains("made a CA")), second.stderr().toString());
        }
    }

    @Test
    @Order(8)
    void sigtermUnderLoadStopsAcceptingDrainsAndExitsZeroWithNoClientError() throws Exception {
        int clients = 6;
        int messages = 300;
        List<X509Certificate> trust = Pem.readCertificates(ca);
        CountDownLatch warmedUp = new CountDownLatch(clients);
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int seed = i;
            threads.add(Thread.ofVirtual().start(() -> {
                Random random = new Random(seed);
                try (SslSocket c = Ssl.connect("localhost", port, List.of(SslOptions.cacerts(trust), binary(), packet(4),
                        active(false)), 20_000)) {
                    for (int m = 0; m < messages; m++) {
                        byte[] payload = new byte[1 + random.nextInt(4000)];
                        random.nextBytes(payload);
                        c.send(payload);
                        assertEquals(Bytes.wrap(payload), c.recv(0, 20_000));
                        if (m == 20) {
                            warmedUp.countDown();
                        }
                    }
                } catch (Throwable t) {
                    errors.add(t);
                    warmedUp.countDown();
                }
            }));
        }
        assertTrue(warmedUp.await(60, TimeUnit.SECONDS), "the clients did not get going");
        server.signal("TERM");
        server.awaitLog("stopped accepting");
        InetException refused = assertThrows(InetException.class,
                () -> GenTcp.connect("127.0.0.1", port, List.of(active(false)), 10_000).close());
        assertEquals(Posix.ECONNREFUSED, refused.reason());
        for (Thread t : threads) {
            assertTrue(t.join(java.time.Duration.ofSeconds(90)), "a client did not finish");
        }
        assertEquals(List.of(), List.copyOf(errors), "no client saw an error");
        assertEquals(0, server.awaitExit(), String.join("\n", server.stderr()));
        server.awaitLog("drained: every connection ended");
        assertEquals(List.of("listening on 127.0.0.1:" + port), server.stdout(), "stdout has exactly one line");
        assertInstanceOf(String.class, server.awaitLog("SIGTERM: stopping; " + clients + " live connection(s)"));
    }

    static String fingerprint(Path pem) throws Exception {
        byte[] der = Pem.readCertificates(pem).getFirst().getEncoded();
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    private static String readAll(Process p, int seconds) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish in " + seconds + " s: " + text(out));
        }
        reader.join(10_000);
        return text(out);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static String text(ByteArrayOutputStream out) {
        synchronized (out) {
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
