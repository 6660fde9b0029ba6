package dev.otpnet.bench.server;

import java.nio.file.Path;

/**
 * The command line every benchmark server takes: {@code --port N} (0 picks one), {@code --tls},
 * {@code --certfile F --keyfile F} (PEM, PKCS#8 key), {@code --engine jdk|openssl} (otpnet: JSSE or {@code {engine, boringssl}}; Netty: its JDK or OpenSSL provider). Each
 * server prints {@code listening on PORT} on stdout once it accepts, then serves until killed.
 */
record ServerArgs(int port, boolean tls, Path certfile, Path keyfile, String engine) {

    static ServerArgs parse(String[] args) {
        int port = 0;
        boolean tls = false;
        Path cert = null;
        Path key = null;
        String engine = "jdk";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--tls" -> tls = true;
                case "--certfile" -> cert = Path.of(args[++i]);
                case "--keyfile" -> key = Path.of(args[++i]);
                case "--engine" -> engine = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (expected --port N, --tls, --certfile F, --keyfile F, --engine jdk|openssl)");
            }
        }
        if (!engine.equals("jdk") && !engine.equals("openssl")) {
            throw new IllegalArgumentException("--engine takes jdk or openssl, not " + engine);
        }
        if (tls && (cert == null || key == null)) {
            throw new IllegalArgumentException("--tls needs --certfile and --keyfile");
        }
        return new ServerArgs(port, tls, cert, key, engine);
    }

    static void announce(int port) {
        System.out.println("listening on " + port);
        System.out.flush();
    }
}
