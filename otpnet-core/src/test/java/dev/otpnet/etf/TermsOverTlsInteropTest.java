package dev.otpnet.etf;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static dev.otpnet.inet.Options.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.otpnet.inet.AnyOption;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.process.Proc;
import dev.otpnet.process.Spawned;
import dev.otpnet.ssl.Pem;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslListenSocket;
import dev.otpnet.ssl.SslOptions;
import dev.otpnet.ssl.SslSocket;
import dev.otpnet.testing.ErlangPeer;
import dev.otpnet.testing.Peers;
import dev.otpnet.testing.TestPki;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terms over a real {@code {packet, 4}} TLS connection: an Elixir client
 * ({@code elixir/terms_tls_client.exs}) sends {@code :erlang.term_to_binary} of many terms (plain,
 * compressed, minor version 1) to our ssl server, which answers through a {@link TermSocket};
 * the client checks every answer with {@code binary_to_term} and pattern matching.
 */
@Tag("interop")
@Timeout(120)
class TermsOverTlsInteropTest {
    record GeoPoint(double lat, double lon) { }

    @Test
    void anElixirClientRoundTripsTermsOverTls(@TempDir Path dir) throws Exception {
        String elixir = Peers.require("elixir", "elixir");
        Pem.writeCertificates(List.of(TestPki.CA.certificate()), dir.resolve("ca.pem"));
        List<AnyOption> options = List.of(SslOptions.cert(TestPki.SERVER.certificate()),
                SslOptions.key(TestPki.SERVER.key()), binary(), packet(4), active(true), ip("127.0.0.1"));
        AtomicInteger answered = new AtomicInteger();
        try (SslListenSocket listener = Ssl.listen(0, options)) {
            Spawned server = Proc.spawnMonitor(() -> {
                try {
                    SslSocket s = Ssl.transportAccept(listener, 60_000);
                    Ssl.handshake(s, 30_000);
                    TermSocket terms = TermSocket.over(s);
                    while (terms.receive() instanceof SocketMessage.Data(var sock, Term request)) {
                        terms.send(switch (request) {
                            case Tuple t when t.is("echo", 2) -> Tuple.of(Atom.of("reply"), t.get(1));
                            case Tuple t when t.is("point", 3) -> Terms.fromJava(new GeoPoint(
                                    Terms.toJava(t.get(1), double.class), Terms.toJava(t.get(2), double.class)));
                            default -> Tuple.of(Atom.ERROR, request);
                        });
                        answered.incrementAndGet();
                    }
                } catch (InetException e) {
                    throw new IllegalStateException(e);
                }
            });
            File out = dir.resolve("elixir.out").toFile();
            Process p = new ProcessBuilder(elixir, ErlangPeer.resource("elixir/terms_tls_client.exs").toString(),
                    Integer.toString(listener.port()), dir.resolve("ca.pem").toString())
                    .redirectErrorStream(true).redirectOutput(out).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the Elixir client did not finish within 90 s: " + Files.readString(out.toPath()));
            }
            String output = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains("ok 61"), output);
            assertEquals(61, answered.get());
            Proc.receive(dev.otpnet.process.Down.class, d -> d.ref().equals(server.ref()), 30_000)
                    .orElseThrow(() -> new AssertionError("the server process did not end after Closed"));
        }
    }
}
