package dev.otpnet.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.ssl.Certificates;
import dev.otpnet.ssl.CertificateSpec;
import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.KeyFormat;
import dev.otpnet.ssl.Pem;
import dev.otpnet.tcp.GenTcp;
import dev.otpnet.tcp.TcpListenSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way to call {@code bin/otpnet} wrongly: exit 2 and one line on stderr naming the problem
 * (nothing on stdout); and the runtime failures a user meets first (a port in use, a missing
 * certificate, a wrong password, a refused connection): exit 1 and one line. The runs are real
 * processes, a few at a time.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BadArgumentsIT {
    @TempDir
    Path home;

    /** One call and what its one stderr line must say. */
    record Case(int exit, String fragment, String... args) {
    }

    @Test
    void everyBadArgumentExitsTwoWithOneLineNamingTheProblem() throws Exception {
        check(List.of(
                new Case(2, "give a command"),
                new Case(2, "Unmatched argument", "ehco"),
                new Case(2, "--port must be 0..65535, not 70000", "echo", "--port", "70000"),
                new Case(2, "'--port'", "echo", "--port", "seven"),
                new Case(2, "'3' is not a packet type: give 0, 1, 2, 4 or line", "echo", "--packet", "3"),
                new Case(2, "--certfile needs --tls", "echo", "--certfile", "cert.pem"),
                new Case(2, "--alpn needs --tls", "echo", "--alpn", "h2"),
                new Case(2, "--certfile and --keyfile go together", "echo", "--tls", "--certfile", "cert.pem"),
                new Case(2, "--password is for an encrypted --keyfile", "echo", "--tls", "--password", "p"),
                new Case(2, "--verify peer needs --cacertfile", "echo", "--tls", "--verify", "peer"),
                new Case(2, "'--verify'", "echo", "--tls", "--verify", "maybe"),
                new Case(2, "--fail-if-no-peer-cert needs --verify peer", "echo", "--tls", "--fail-if-no-peer-cert"),
                new Case(2, "--acceptors must be 1..10000, not 0", "echo", "--acceptors", "0"),
                new Case(2, "--max-connections must be a positive number or infinity, not 'lots'", "echo",
                        "--max-connections", "lots"),
                new Case(2, "--handshake-timeout must be at least 1 ms, not 0", "echo", "--handshake-timeout", "0"),
                new Case(2, "--drain-timeout must be 0..86400 seconds, not -1.0", "echo", "--drain-timeout", "-1"),
                new Case(2, "--bind must be an IP address", "echo", "--bind", "my-laptop"),
                new Case(2, "Unknown option: '--colour'", "echo", "--colour"),
                new Case(2, "Missing required parameter: 'PORT'", "client", "localhost"),
                new Case(2, "PORT must be 1..65535, not 0", "client", "localhost", "0"),
                new Case(2, "--cacertfile needs --tls", "client", "localhost", "7000", "--cacertfile", "ca.pem"),
                new Case(2, "--timeout must be more than 0", "client", "localhost", "7000", "--timeout", "0"),
                new Case(2, "--verify none and --cacertfile contradict each other", "client", "localhost", "7000",
                        "--tls", "--verify", "none", "--cacertfile", "ca.pem"),
                new Case(2, "--tls needs --cacertfile FILE to verify the server (or --verify none)", "client",
                        "localhost", "7000", "--tls"),
                new Case(2, "Missing required option: '--out=DIR'", "gencert"),
                new Case(2, "--days must be 1..36500, not 0", "gencert", "--out", "x", "--days", "0"),
                new Case(2, "--hosts: 'bad host!' is neither a host name nor an IP address", "gencert", "--out", "x",
                        "--hosts", "localhost,bad host!"),
                new Case(2, "'--key'", "gencert", "--out", "x", "--key", "dsa")));
    }

    @Test
    void runtimeFailuresExitOneWithOneLine() throws Exception {
        Credential c = Certificates.selfSigned(CertificateSpec.leaf("localhost"));
        Path cert = home.resolve("cert.pem");
        Path key = home.resolve("key.pem");
        Pem.writeCertificates(c.chain(), cert);
        Pem.writeKey(c.key(), key, KeyFormat.PKCS8_ENCRYPTED, "right".toCharArray());
        Path notPem = Files.writeString(home.resolve("notes.txt"), "not a certificate\n");
        Path otherKey = home.resolve("other-key.pem"); // a key of another certificate
        Pem.writeKey(Certificates.selfSigned(CertificateSpec.leaf("localhost")).key(), otherKey, KeyFormat.PKCS8, null);
        try (TcpListenSocket taken = GenTcp.listen(0, List.of(dev.otpnet.inet.Options.ip("127.0.0.1")))) {
            int port = taken.port();
            int closedPort;
            try (TcpListenSocket gone = GenTcp.listen(0, List.of(dev.otpnet.inet.Options.ip("127.0.0.1")))) {
                closedPort = gone.port();
            }
            check(List.of(
                    new Case(1, "cannot listen on 127.0.0.1:" + port + ": address already in use (eaddrinuse)",
                            "echo", "--port", String.valueOf(port)),
                    new Case(1, "the certificate file " + home.resolve("missing.pem") + " does not exist", "echo",
                            "--tls", "--port", "0", "--certfile", home.resolve("missing.pem").toString(), "--keyfile",
                            key.toString()),
                    new Case(1, "the certificate file " + notPem + " holds no usable certificate", "echo", "--tls",
                            "--port", "0", "--certfile", notPem.toString(), "--keyfile", key.toString()),
                    new Case(1, "wrong password for the key in " + key, "echo", "--tls", "--port", "0", "--certfile",
                            cert.toString(), "--keyfile", key.toString(), "--password", "wrong"),
                    new Case(1, "the key in " + key + " is encrypted: give its --password", "echo", "--tls", "--port",
                            "0", "--certfile", cert.toString(), "--keyfile", key.toString()),
                    // the listener refuses it before it listens, as ssl:listen does
                    new Case(1, "the key does not match the certificate's public key (ekeymismatch)", "echo",
                            "--tls", "--port", "0", "--certfile", cert.toString(), "--keyfile", otherKey.toString()),
                    new Case(1, "cannot connect to 127.0.0.1:" + closedPort + ": connection refused (econnrefused)",
                            "client", "127.0.0.1", String.valueOf(closedPort))));
        }
    }

    private void check(List<Case> cases) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Otpnet.Result>> runs = new ArrayList<>();
            for (Case c : cases) {
                runs.add(pool.submit(() -> Otpnet.run(home, "", c.args())));
            }
            List<Executable> checks = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                Otpnet.Result r = runs.get(i).get(120, TimeUnit.SECONDS);
                String command = c.args().length == 0 || c.args()[0].startsWith("ehco") ? "otpnet" : "otpnet " + c.args()[0];
                checks.add(() -> {
                    String what = String.join(" ", c.args()) + " -> " + r;
                    assertEquals(c.exit(), r.exit(), what);
                    assertEquals(List.of(), r.stdout(), what);
                    assertEquals(1, r.stderr().size(), what);
                    assertTrue(r.stderr().getFirst().startsWith(command + ": "), what);
                    assertTrue(r.stderr().getFirst().contains(c.fragment()), what);
                });
            }
            assertAll(checks);
        } finally {
            pool.shutdownNow();
        }
    }
}
