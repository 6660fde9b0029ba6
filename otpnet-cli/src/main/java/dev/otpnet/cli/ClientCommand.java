package dev.otpnet.cli;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.packet;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.AnyOption;
import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.Inet;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import dev.otpnet.inet.Reason;
import dev.otpnet.inet.SocketMessage;
import dev.otpnet.packet.PacketType;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.ssl.Ssl;
import dev.otpnet.ssl.SslOptions;
import dev.otpnet.ssl.SslReason;
import dev.otpnet.ssl.SslSocket;
import dev.otpnet.ssl.VerifyType;
import dev.otpnet.tcp.GenTcp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code otpnet client HOST PORT}: sends each line of stdin as one packet and prints each packet
 * that comes back as one line; exits 0 once stdin has ended and every reply has arrived (one per
 * packet sent; with {@code --packet 0}, as many bytes as were sent).
 *
 * <p>Two processes, as an Erlang client would have: this one owns the socket and prints what
 * arrives ({@code {active, once}}); a second reads stdin and sends, so replies are printed while
 * the user is still typing.
 */
@Command(name = "client", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Sends each stdin line as one packet (without its newline for --packet 1, 2 or 4), prints each "
                + "packet received as one line, exits 0 when stdin has ended and every reply has arrived.",
            "With --tls the server's certificate and name are verified against --cacertfile, or against the CA "
                + "`otpnet echo --tls` made for this user."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every reply arrived", "1:connection refused, TLS refused, closed early or timed out", "2:bad usage"})
final class ClientCommand implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger("otpnet.client");

    enum Verify { none, peer }

    private record Sent(long packets, long bytes) {
    }

    private record StdinEnded(long packets, long bytes) {
    }

    private record SendFailed(Reason reason) {
    }

    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Parameters(index = "0", paramLabel = "HOST", description = "Host name or address to connect to.")
    String host;

    @Parameters(index = "1", paramLabel = "PORT", description = "Port to connect to.")
    int port;

    @Option(names = "--tls", description = "Connect with TLS (1.3 and 1.2).")
    boolean tls;

    @Option(names = "--packet", defaultValue = "4", paramLabel = "0|1|2|4|line", converter = PacketArg.class,
            description = "Framing: {packet, T} (default ${DEFAULT-VALUE}).")
    PacketType packet;

    @Option(names = "--cacertfile", paramLabel = "FILE", description = "CA certificates the server's certificate must chain to.")
    Path cacertfile;

    @Option(names = "--verify", paramLabel = "none|peer", description = "Verify the server (peer, the default) or not (none: prints a warning).")
    Verify verify;

    @Option(names = "--certfile", paramLabel = "FILE", description = "A client certificate (PEM); needs --keyfile.")
    Path certfile;

    @Option(names = "--keyfile", paramLabel = "FILE", description = "The client certificate's key (PEM).")
    Path keyfile;

    @Option(names = "--password", paramLabel = "P", description = "The password of an encrypted --keyfile.")
    String password;

    @Option(names = "--servername", paramLabel = "NAME", description = "Name sent as SNI and checked against the certificate (default HOST).")
    String servername;

    @Option(names = "--engine", paramLabel = EngineArg.LABEL, description = EngineArg.DESCRIPTION)
    EngineArg engine;

    @Option(names = "--alpn", split = ",", paramLabel = "P", description = "ALPN protocols to offer.")
    List<String> alpn;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS", description = "Limit for connecting and for each awaited reply (default ${DEFAULT-VALUE}).")
    double timeout;

    @Override
    public Integer call() {
        List<AnyOption> options = options();
        long timeoutMs = (long) (timeout * 1000);
        String where = host + ":" + port;
        InetSocket socket;
        try {
            socket = tls ? Ssl.connect(host, port, options, timeoutMs) : GenTcp.connect(host, port,
                    options.stream().map(o -> (dev.otpnet.inet.Option) o).toList(), timeoutMs);
        } catch (InetException e) {
            throw new Failure("cannot connect to " + where + ": " + explain(e.reason()));
        }
        if (socket instanceof SslSocket s) {
            try {
                var info = s.connectionInformation();
                LOG.log(Level.DEBUG, "connected to {0}: {1} {2}, ALPN {3}", where, info.protocol().atom(),
                        info.cipherSuite().ianaName(), info.negotiatedProtocol().orElse("none"));
            } catch (InetException e) {
                LOG.log(Level.DEBUG, "connected to {0}; no TLS information: {1}", where, e.reason());
            }
        }
        try (socket) {
            return converse(socket, timeoutMs, where);
        }
    }

    private int converse(InetSocket socket, long timeoutMs, String where) {
        Pid self = Proc.self();
        boolean framed = packet == PacketType.ONE || packet == PacketType.TWO || packet == PacketType.FOUR;
        Proc.spawnLink(() -> sendStdin(socket, self, framed));
        PrintStream out = System.out;
        long sentPackets = 0;
        long sentBytes = 0;
        long gotPackets = 0;
        long gotBytes = 0;
        boolean stdinEnded = false;
        try {
            socket.setopts(List.of(active(ActiveMode.ONCE)));
            while (!(stdinEnded && (packet == PacketType.RAW ? gotBytes >= sentBytes : gotPackets >= sentPackets))) {
                boolean waiting = packet == PacketType.RAW ? gotBytes < sentBytes : gotPackets < sentPackets;
                Optional<Object> m = waiting ? Proc.receive(timeoutMs) : Optional.of(Proc.receive());
                if (m.isEmpty()) {
                    throw new Failure("no reply from " + where + " within " + timeout + " s (" + progress(gotPackets,
                            sentPackets, gotBytes, sentBytes) + ")");
                }
                switch (m.get()) {
                    case SocketMessage.Data(var s, Bytes data) -> {
                        gotPackets++;
                        gotBytes += data.size();
                        byte[] b = data.toArray();
                        out.write(b, 0, b.length);
                        if (framed) {
                            out.write('\n');
                        }
                        out.flush();
                        socket.setopts(List.of(active(ActiveMode.ONCE)));
                    }
                    case SocketMessage.Closed c -> throw new Failure(where + " closed the connection ("
                            + progress(gotPackets, sentPackets, gotBytes, sentBytes) + ")");
                    case SocketMessage.Error(var s, var reason) -> throw new Failure("the connection to " + where
                            + " failed: " + explain(reason));
                    case Sent(long p, long b) -> {
                        sentPackets = p;
                        sentBytes = b;
                    }
                    case StdinEnded(long p, long b) -> {
                        sentPackets = p;
                        sentBytes = b;
                        stdinEnded = true;
                    }
                    case SendFailed(Reason reason) -> throw new Failure("sending to " + where + " failed: " + explain(reason));
                    default -> {
                        // an exit signal of the stdin process when it ends normally: nothing to do
                    }
                }
            }
        } catch (InetException e) {
            throw new Failure("the connection to " + where + " failed: " + explain(e.reason()));
        }
        return 0;
    }

    private String progress(long gotPackets, long sentPackets, long gotBytes, long sentBytes) {
        return packet == PacketType.RAW ? gotBytes + " of " + sentBytes + " bytes back"
                : gotPackets + " of " + sentPackets + " replies";
    }

    /** Reads stdin line by line (bytes as they are: ISO-8859-1 maps each to one char) and sends. */
    private void sendStdin(InetSocket socket, Pid owner, boolean framed) {
        long packets = 0;
        long bytes = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = in.readLine()) != null) {
                Bytes data = Bytes.latin1(framed ? line : line + "\n");
                socket.send(data);
                packets++;
                bytes += data.size();
                owner.send(new Sent(packets, bytes));
            }
        } catch (InetException e) {
            owner.send(new SendFailed(e.reason()));
            return;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "reading stdin failed: {0}", e.getMessage());
        }
        owner.send(new StdinEnded(packets, bytes));
    }

    private List<AnyOption> options() {
        check(port >= 1 && port <= 65535, "PORT must be 1..65535, not " + port);
        check(timeout > 0 && timeout <= 86_400, "--timeout must be more than 0 and at most 86400 seconds, not " + timeout);
        for (var tlsOnly : List.of(new Object[] {"--cacertfile", cacertfile}, new Object[] {"--verify", verify},
                new Object[] {"--certfile", certfile}, new Object[] {"--keyfile", keyfile},
                new Object[] {"--password", password}, new Object[] {"--servername", servername},
                new Object[] {"--engine", engine},
                new Object[] {"--alpn", alpn})) {
            check(tls || tlsOnly[1] == null, tlsOnly[0] + " needs --tls");
        }
        check((certfile == null) == (keyfile == null), "--certfile and --keyfile go together: give both or neither");
        check(password == null || keyfile != null, "--password is for an encrypted --keyfile: give --keyfile too");
        check(verify != Verify.none || cacertfile == null, "--verify none and --cacertfile contradict each other");
        List<AnyOption> options = new ArrayList<>(List.of(binary(), packet(packet), active(false)));
        if (!tls) {
            return options;
        }
        if (verify == Verify.none) {
            LOG.log(Level.WARNING, "--verify none: the server''s certificate is not checked, so anyone between here "
                    + "and {0} can read and change this connection", host);
            options.add(SslOptions.verify(VerifyType.VERIFY_NONE));
        } else {
            Path ca = cacertfile;
            if (ca == null) {
                Path local = LocalCa.dir(System.getenv()).resolve(CertFiles.CA);
                check(Files.exists(local), "--tls needs --cacertfile FILE to verify the server (or --verify none); "
                        + "there is no CA from `otpnet echo --tls` in " + local.getParent() + " either");
                ca = local;
                LOG.log(Level.DEBUG, "verifying the server against {0}", ca);
            }
            options.add(SslOptions.verify(VerifyType.VERIFY_PEER));
            options.add(SslOptions.cacerts(TlsFiles.certificates(ca, "CA file")));
        }
        if (certfile != null) {
            options.add(SslOptions.cert(TlsFiles.certificates(certfile, "certificate file").toArray(X509Certificate[]::new)));
            options.add(SslOptions.key(TlsFiles.key(keyfile, password)));
        }
        if (servername != null) {
            check(!servername.isBlank(), "--servername must not be empty");
            options.add(SslOptions.serverNameIndication(servername));
        }
        if (engine != null) {
            options.addAll(engine.options());
        }
        if (alpn != null) {
            options.add(SslOptions.alpnAdvertisedProtocols(alpn.toArray(String[]::new)));
        }
        return options;
    }

    /** Erlang's text for a reason, and the atom; a TLS alert says which check failed. */
    static String explain(Reason reason) {
        if (reason instanceof SslReason) {
            return Ssl.formatError(reason).strip().replaceAll("\\s*\\R\\s*", " ");
        }
        return Inet.formatError(reason) + " (" + reason + ")";
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
