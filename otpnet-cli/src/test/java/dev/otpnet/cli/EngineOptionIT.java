package dev.otpnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.testing.ErlangPeer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --engine boringssl}: {@code otpnet echo} and {@code otpnet client} on the native TLS
 * engine, each against Erlang/OTP's ssl, with gencert's files.
 */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineOptionIT {
    @TempDir
    Path home;

    @Test
    void echoAndClientRunOnBoringSslAgainstErlangsSsl() throws Exception {
        Path dir = home.resolve("pki");
        Otpnet.Result gen = Otpnet.run(home, "", "gencert", "--out", dir.toString());
        assertEquals(0, gen.exit(), gen.toString());
        String ca = dir.resolve("ca.pem").toString();

        try (Otpnet server = Otpnet.start(home, "echo", "--tls", "--engine", "boringssl", "--port", "0",
                "--certfile", dir.resolve("cert.pem").toString(), "--keyfile", dir.resolve("key.pem").toString())) {
            int port = server.awaitListening();
            server.awaitLog("TLS on the boringssl engine");
            try (ErlangPeer client = ErlangPeer.start("otpnet_cli_peer.escript", "client", String.valueOf(port), ca,
                    "localhost", "native", "engine")) {
                assertTrue(client.expect("info: ").startsWith("info: 'tlsv1.3' \"TLS_"), client.seen().toString());
                assertEquals("echo: native", client.expect("echo: "));
                assertEquals("echo: engine", client.expect("echo: "));
                client.expectOk();
            }
            assertTrue(server.stderr().stream().noneMatch(l -> l.contains("WARNING")), server.stderr().toString());
        }

        try (ErlangPeer server = ErlangPeer.start("otpnet_cli_peer.escript", "server", dir.toString(), "none")) {
            Otpnet.Result r = Otpnet.run(home, "over\nboringssl\n", "client", "localhost", String.valueOf(server.port()),
                    "--tls", "--engine", "boringssl", "--cacertfile", ca);
            assertEquals(0, r.exit(), r.toString());
            assertEquals(List.of("over", "boringssl"), r.stdout());
            assertEquals(List.of(), r.stderr());
            assertEquals("closed after 2 packets", server.expect("closed after"));
            server.expectOk();
        }
    }

    @Test
    void anEngineWithoutTlsOrAnUnknownEngineIsBadUsage() {
        Otpnet.Result plain = Otpnet.run(home, "", "echo", "--engine", "boringssl", "--port", "0");
        assertEquals(2, plain.exit(), plain.toString());
        assertTrue(plain.stderr().getFirst().contains("--engine needs --tls"), plain.toString());
        Otpnet.Result unknown = Otpnet.run(home, "", "client", "localhost", "7000", "--tls", "--engine", "openssl");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.stderr().getFirst().contains("openssl"), unknown.toString());
    }
}
