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

        Otpnet.Result again = Otpnet.run(home, "", "gencert", "--out", dir.toString());
        assertEquals(1, again.exit(), again.toString());
        assertEquals(List.of("otpnet gencert: " + dir.resolve("ca.pem") + " already exists: gencert never overwrites; "
                + "choose another --out"), again.stderr());
    }
}
