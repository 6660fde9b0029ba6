package dev.otpnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.testing.ErlangPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code otpnet gencert} and {@code otpnet client} against Erlang/OTP's own ssl: the Erlang
 * server loads the files gencert wrote (the key encrypted with the password), and our client
 * verifies it against gencert's CA and echoes stdin through it.
 */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClientCommandIT {
    @TempDir
    Path home;

    @Test
    void otpnetClientTalksToAnErlangSslEchoServerUsingGencertsFiles() throws Exception {
        Path dir = home.resolve("pki");
        Otpnet.Result gen = Otpnet.run(home, "", "gencert", "--out", dir.toString(), "--password", "s3cret",
                "--key", "rsa", "--days", "30");
        assertEquals(0, gen.exit(), gen.toString());
        assertEquals(4, gen.stdout().size(), gen.toString());
        assertTrue(gen.stdout().getFirst().startsWith("wrote " + dir.resolve("ca.pem") + " (CA certificate, SHA-256 fingerprint "
                + EchoCommandIT.fingerprint(dir.resolve("ca.pem")) + ")"), gen.toString());
        for (String f : List.of("ca.pem", "ca-key.pem", "cert.pem", "key.pem")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))), f);
        }
        assertTrue(Files.readString(dir.resolve("key.pem")).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));

        try (ErlangPeer server = ErlangPeer.start("otpnet_cli_peer.escript", "server", dir.toString(), "s3cret")) {
            int port = server.port();
            Otpnet.Result r = Otpnet.run(home, "hello\n\nwörld\n", "client", "localhost", String.valueOf(port), "--tls",
                    "--cacertfile", dir.resolve("ca.pem").toString());
            assertEquals(0, r.exit(), r.toString());
            assertEquals(List.of("hello", "", "wörld"), r.stdout());
            assertEquals(List.of(), r.stderr());
            assertEquals("closed after 3 packets", server.expect("closed after"));
            server.expectOk();
        }

        mutualTlsWithGencertsFiles(dir);

        Otpnet.Result again = Otpnet.run(home, "", "gencert", "--out", dir.toString());
        assertEquals(1, again.exit(), again.toString());
        assertEquals(List.of("otpnet gencert: " + dir.resolve("ca.pem") + " already exists: gencert never overwrites; "
                + "choose another --out"), again.stderr());
    }

    /** The server asks for client certificates from gencert's CA; the client offers one, and ALPN. */
    private void mutualTlsWithGencertsFiles(Path dir) {
        String ca = dir.resolve("ca.pem").toString();
        String cert = dir.resolve("cert.pem").toString();
        String key = dir.resolve("key.pem").toString();
        try (Otpnet server = Otpnet.start(home, "echo", "--tls", "--port", "0", "--certfile", cert, "--keyfile", key,
                "--password", "s3cret", "--cacertfile", ca, "--verify", "peer", "--fail-if-no-peer-cert",
                "--alpn", "echo/1,x")) {
            int port = server.awaitListening();
            Otpnet.Result mutual = Otpnet.run(home, "with a certificate\n", "client", "localhost", String.valueOf(port),
                    "--tls", "--cacertfile", ca, "--certfile", cert, "--keyfile", key, "--password", "s3cret",
                    "--alpn", "echo/1", "-v");
            assertEquals(0, mutual.exit(), mutual.toString());
            assertEquals(List.of("with a certificate"), mutual.stdout());
            assertTrue(mutual.stderr().stream().anyMatch(l -> l.contains("DEBUG client: connected to localhost:" + port
                    + ": 'tlsv1.3' TLS_") && l.endsWith(", ALPN echo/1")), mutual.toString());

            Otpnet.Result anonymous = Otpnet.run(home, "without\n", "client", "localhost", String.valueOf(port), "--tls",
                    "--cacertfile", ca);
            assertEquals(1, anonymous.exit(), anonymous.toString());
            assertEquals(1, anonymous.stderr().size(), anonymous.toString());
            assertTrue(anonymous.stderr().getFirst().startsWith("otpnet client: "), anonymous.toString());

            Otpnet.Result unverified = Otpnet.run(home, "unchecked\n", "client", "localhost", String.valueOf(port),
                    "--tls", "--verify", "none", "--certfile", cert, "--keyfile", key, "--password", "s3cret");
            assertEquals(0, unverified.exit(), unverified.toString());
            assertEquals(List.of("unchecked"), unverified.stdout());
            assertEquals(1, unverified.stderr().size(), unverified.toString());
            assertTrue(unverified.stderr().getFirst().contains("WARN client: --verify none: the server's certificate is "
                    + "not checked"), unverified.toString());
        }
    }
}
