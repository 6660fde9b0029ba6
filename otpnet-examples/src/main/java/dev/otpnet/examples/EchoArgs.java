package dev.otpnet.examples;

import dev.otpnet.ssl.TlsEngineKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@link TlsEchoServer}:
 * {@code [port [certfile keyfile]] [--packet 0|1|2|4] [--engine jsse|boringssl]}.
 *
 * @param port     the port to listen on (0 picks a free one)
 * @param certfile the PEM certificate chain, or {@code null} for a self-signed one made in memory
 * @param keyfile  the PEM private key, {@code null} exactly when {@code certfile} is
 * @param packet   the {@code {packet, N}} framing: 4 as in the walk-through, 0 for raw bytes
 * @param engine   the TLS engine: the JDK's (the default) or BoringSSL ({@code {engine, boringssl}})
 */
record EchoArgs(int port, Path certfile, Path keyfile, int packet, TlsEngineKind engine) {
    static final int DEFAULT_PORT = 7000;
    private static final Set<Integer> PACKETS = Set.of(0, 1, 2, 4);
    private static final String USAGE = "usage: TlsEchoServer [port [certfile keyfile]] [--packet 0|1|2|4] [--engine jsse|boringssl]";

    EchoArgs {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535; " + USAGE);
        }
        if ((certfile == null) != (keyfile == null)) {
            throw new IllegalArgumentException("give both a certificate file and a key file, or neither; " + USAGE);
        }
        if (!PACKETS.contains(packet)) {
            throw new IllegalArgumentException("--packet " + packet + " is not 0, 1, 2 or 4; " + USAGE);
        }
    }

    static EchoArgs parse(String... args) {
        List<String> positional = new ArrayList<>();
        int packet = 4;
        TlsEngineKind engine = TlsEngineKind.JSSE;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--packet") || args[i].equals("--engine")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
                }
                if (args[i].equals("--packet")) {
                    packet = number(args[++i]);
                } else {
                    engine = engine(args[++i]);
                }
            } else if (args[i].startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            } else {
                positional.add(args[i]);
            }
        }
        return switch (positional.size()) {
            case 0 -> new EchoArgs(DEFAULT_PORT, null, null, packet, engine);
            case 1 -> new EchoArgs(number(positional.get(0)), null, null, packet, engine);
            case 3 -> new EchoArgs(number(positional.get(0)), Path.of(positional.get(1)), Path.of(positional.get(2)), packet,
                    engine);
            default -> throw new IllegalArgumentException("expected a port, then optionally a certificate and a key file; "
                    + USAGE);
        };
    }

    private static TlsEngineKind engine(String atom) {
        return Arrays.stream(TlsEngineKind.values()).filter(k -> k.atom().equals(atom)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--engine " + atom + " is not jsse or boringssl; " + USAGE));
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + s + "\" is not a number; " + USAGE, e);
        }
    }
}
