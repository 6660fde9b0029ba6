package dev.otpnet.cli;

import dev.otpnet.inet.Inet;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.Posix;
import dev.otpnet.packet.PacketType;
import dev.otpnet.ssl.SslOption;
import dev.otpnet.ssl.SslOptions;
import dev.otpnet.ssl.VerifyType;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code otpnet echo}: the walk-through's supervised echo server, production-shaped. Prints
 * {@code listening on HOST:PORT} on stdout once it accepts; everything else goes to stderr.
 */
@Command(name = "echo", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Runs an echo server: one supervised process per client, {active, once} flow control, "
                + "{packet, 4} framing unless told otherwise.",
            "With --tls and no --certfile it makes a CA and a localhost/127.0.0.1 certificate once (in "
                + "$XDG_DATA_HOME/otpnet, ~/.local/share/otpnet or ~/.otpnet) and reuses them.",
            "SIGINT/SIGTERM: stop accepting, let live connections finish (up to --drain-timeout), exit 0; "
                + "a second signal exits at once."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:drained after SIGINT/SIGTERM", "1:a runtime failure (port in use, unreadable certificate)",
            "2:bad usage"})
final class EchoCommand implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger("otpnet.echo");

    enum Verify { none, peer }

    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Option(names = "--port", defaultValue = "7000", paramLabel = "N", description = "Port to listen on; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--tls", description = "Serve TLS (1.3 and 1.2).")
    boolean tls;

    @Option(names = "--packet", defaultValue = "4", paramLabel = "0|1|2|4|line", converter = PacketArg.class,
            description = "Framing: {packet, T} (default ${DEFAULT-VALUE}).")
    PacketType packet;

    @Option(names = "--certfile", paramLabel = "FILE", description = "The server's certificate chain (PEM); needs --keyfile.")
    Path certfile;

    @Option(names = "--keyfile", paramLabel = "FILE", description = "The server's private key (PEM); needs --certfile.")
    Path keyfile;

    @Option(names = "--password", paramLabel = "P", description = "The password of an encrypted --keyfile.")
    String password;

    @Option(names = "--cacertfile", paramLabel = "FILE", description = "CA certificates that client certificates must chain to.")
    Path cacertfile;

    @Option(names = "--verify", paramLabel = "none|peer", description = "Ask clients for a certificate and verify it (peer) or not (none, the default).")
    Verify verify;

    @Option(names = "--fail-if-no-peer-cert", description = "With --verify peer: refuse clients without a certificate.")
    boolean failIfNoPeerCert;

    @Option(names = "--acceptors", defaultValue = "10", paramLabel = "N", description = "Processes accepting at once (default ${DEFAULT-VALUE}).")
    int acceptors;

    @Option(names = "--max-connections", defaultValue = "1024", paramLabel = "N|infinity",
            description = "Most live connections; more wait in the kernel's backlog (default ${DEFAULT-VALUE}).")
    String maxConnections;

    @Option(names = "--handshake-timeout", defaultValue = "5000", paramLabel = "MS", description = "Time a client has to finish the TLS handshake (default ${DEFAULT-VALUE}).")
    long handshakeTimeout;

    @Option(names = "--proxy-protocol", description = "Every connection starts with a PROXY protocol v1 or v2 header (from HAProxy...).")
    boolean proxyProtocol;

    @Option(names = "--engine", paramLabel = EngineArg.LABEL, description = EngineArg.DESCRIPTION)
    EngineArg engine;

    @Option(names = "--alpn", split = ",", paramLabel = "P", description = "ALPN protocols the server accepts, most preferred first.")
    List<String> alpn;

    @Option(names = "--drain-timeout", defaultValue = "10", paramLabel = "SECONDS", description = "How long SIGINT/SIGTERM waits for live connections (default ${DEFAULT-VALUE}).")
    double drainTimeout;

    /** Run after listening: says which CA to trust and how to check it, once the port is known. */
    private IntConsumer announce;

    @Override
    public Integer call() {
        EchoConfig config = config();
        EchoService service;
        try {
            service = EchoService.start(config);
        } catch (InetException e) {
            if (e.reason() instanceof Posix) {
                throw new Failure("cannot listen on " + hostPort(new InetSocketAddress(config.bind(), config.port()))
                        + ": " + Inet.formatError(e.reason()) + " (" + e.reason() + ")");
            }
            // the listener checks the ssl options before it listens, as ssl:listen does
            throw new Failure((config.isTls() ? "the TLS settings were refused: " : "the server did not start: ")
                    + TlsFiles.detail(e) + " (" + e.reason() + ")");
        }
        Shutdown shutdown = Shutdown.install(service::live);
        String where = hostPort(service.address());
        System.out.println("listening on " + where);
        System.out.flush();
        LOG.log(Level.INFO, "echo server on {0}: {1}, {2}, {3,number,#} acceptors, max_connections {4}", where,
                PacketArg.term(packet), tls ? "TLS on the " + (engine == null ? EngineArg.jsse : engine) + " engine" : "plain TCP",
                acceptors, maxConnections);
        if (announce != null) {
            announce.accept(service.address().getPort());
        }
        Object how = CompletableFuture.anyOf(shutdown.requested(), service.stopped()).join();
        if (!shutdown.requested().isDone()) {
            throw new Failure("the server stopped by itself: " + how);
        }
        int live = service.live();
        LOG.log(Level.INFO, "{0}: stopping; {1,number,#} live connection(s) may finish within {2} s (a second signal exits now)",
                how, live, drainTimeout);
        int cut;
        try {
            cut = service.drain(Duration.ofMillis((long) (drainTimeout * 1000)));
        } catch (InetException e) {
            throw new Failure("the drain failed: " + e.getMessage() + " (" + e.reason() + ")");
        }
        if (cut == 0) {
            LOG.log(Level.INFO, "drained: every connection ended; exiting");
        } else {
            LOG.log(Level.WARNING, "drain timed out: closed {0,number,#} connection(s); exiting", cut);
        }
        return 0;
    }

    /** Checks the arguments (a usage error, exit 2) and reads the TLS files (a runtime failure, exit 1). */
    private EchoConfig config() {
        check(port >= 0 && port <= 65535, "--port must be 0..65535, not " + port);
        check(acceptors >= 1 && acceptors <= 10_000, "--acceptors must be 1..10000, not " + acceptors);
        check(handshakeTimeout >= 1, "--handshake-timeout must be at least 1 ms, not " + handshakeTimeout);
        check(drainTimeout >= 0 && drainTimeout <= 86_400, "--drain-timeout must be 0..86400 seconds, not " + drainTimeout);
        int max;
        if (maxConnections.equals("infinity")) {
            max = Integer.MAX_VALUE;
        } else {
            try {
                max = Integer.parseInt(maxConnections);
            } catch (NumberFormatException e) {
                max = 0;
            }
            check(max >= 1, "--max-connections must be a positive number or infinity, not '" + maxConnections + "'");
        }
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(bind); // an address, as Erlang's {ip, Address}: no name lookup
        } catch (IllegalArgumentException e) {
            throw usage("--bind must be an IP address such as 127.0.0.1, ::1 or 0.0.0.0, not '" + bind + "'");
        }
        for (var tlsOnly : List.of(new Object[] {"--certfile", certfile}, new Object[] {"--keyfile", keyfile},
                new Object[] {"--password", password}, new Object[] {"--cacertfile", cacertfile},
                new Object[] {"--verify", verify}, new Object[] {"--alpn", alpn}, new Object[] {"--engine", engine},
                new Object[] {"--fail-if-no-peer-cert", failIfNoPeerCert ? true : null})) {
            check(tls || tlsOnly[1] == null, tlsOnly[0] + " needs --tls");
        }
        check((certfile == null) == (keyfile == null), "--certfile and --keyfile go together: give both or neither");
        check(password == null || keyfile != null, "--password is for an encrypted --keyfile: give --keyfile too");
        check(verify != Verify.peer || cacertfile != null, "--verify peer needs --cacertfile: the CAs client certificates must chain to");
        check(!failIfNoPeerCert || verify == Verify.peer, "--fail-if-no-peer-cert needs --verify peer");
        if (alpn != null) {
            for (String p : alpn) {
                check(!p.isEmpty() && p.length() <= 255, "--alpn protocol names must be 1..255 bytes, not '" + p + "'");
            }
        }
        return new EchoConfig(address, port, packet, tls ? tlsOptions() : null, acceptors, max,
                handshakeTimeout, proxyProtocol);
    }

    private List<SslOption> tlsOptions() {
        List<SslOption> options = new ArrayList<>();
        if (certfile != null) {
            List<X509Certificate> chain = TlsFiles.certificates(certfile, "certificate file");
            options.add(SslOptions.cert(chain.toArray(X509Certificate[]::new)));
            options.add(SslOptions.key(TlsFiles.key(keyfile, password)));
        } else {
            Path dir = LocalCa.dir(System.getenv());
            LocalCa.Loaded ca = LocalCa.loadOrCreate(dir);
            options.add(SslOptions.cert(ca.leaf().chain().toArray(X509Certificate[]::new)));
            options.add(SslOptions.key(ca.leaf().key()));
            LOG.log(Level.INFO, ca.created()
                    ? "made a CA and a certificate for localhost and 127.0.0.1 in {0} (later runs reuse them)"
                    : "using the CA and certificate made earlier in {0}", dir);
            announce = port -> {
                LOG.log(Level.INFO, "trust this CA: {0} (SHA-256 fingerprint {1})", ca.caFile(),
                        CertFiles.fingerprint(ca.ca()));
                LOG.log(Level.INFO, "check with: openssl s_client -connect 127.0.0.1:{0,number,#} -CAfile {1} "
                        + "-verify_hostname localhost -verify_return_error", port, ca.caFile());
            };
        }
        if (cacertfile != null) {
            options.add(SslOptions.cacerts(TlsFiles.certificates(cacertfile, "CA file")));
        }
        if (verify != null) {
            options.add(SslOptions.verify(verify == Verify.peer ? VerifyType.VERIFY_PEER : VerifyType.VERIFY_NONE));
        }
        if (failIfNoPeerCert) {
            options.add(SslOptions.failIfNoPeerCert(true));
        }
        if (engine != null) {
            options.addAll(engine.options());
        }
        if (alpn != null) {
            options.add(SslOptions.alpnPreferredProtocols(alpn.toArray(String[]::new)));
        }
        return options;
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw usage(message);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    static String hostPort(InetSocketAddress a) {
        return Connection.hostPort(a);
    }
}
