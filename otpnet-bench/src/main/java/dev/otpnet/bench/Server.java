package dev.otpnet.bench;

import dev.otpnet.bench.server.NettyEcho;
import dev.otpnet.bench.server.OtpnetEcho;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers compared, each the {@code {packet, 4}} echo server as its users write it. Every JVM
 * server runs on the same JDK with the same flags.
 */
enum Server {
    OTPNET("otpnet", true, false),
    /** otpnet with {@code {engine, boringssl}}: compared with {@link #NETTY_OPENSSL}. */
    OTPNET_BORINGSSL("otpnet, BoringSSL", true, true),
    NETTY_JDK("Netty, JDK TLS", true, false),
    NETTY_OPENSSL("Netty, BoringSSL", true, true),
    ERLANG("Erlang/OTP", false, false);

    /** The flags every JVM server gets (Netty 4.2 on JDK 25 needs the first two for its fast buffers). */
    static final List<String> JVM_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "-Xms256m", "-Xmx2g", "-XX:+UseG1GC");

    final String label;
    final boolean jvm;
    /** Only differs from {@link #NETTY_JDK} on TLS, so it runs only in TLS scenarios. */
    final boolean tlsOnly;

    Server(String label, boolean jvm, boolean tlsOnly) {
        this.label = label;
        this.jvm = jvm;
        this.tlsOnly = tlsOnly;
    }

    List<String> command(boolean tls, Path cert, Path key, Path escript) {
        List<String> c = new ArrayList<>();
        if (this == ERLANG) {
            c.addAll(List.of("escript", escript.toString()));
            c.addAll(tls ? List.of("tls", "0", cert.toString(), key.toString()) : List.of("tcp", "0"));
            return c;
        }
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(JVM_FLAGS);
        c.addAll(List.of("-cp", System.getProperty("java.class.path")));
        boolean otpnet = this == OTPNET || this == OTPNET_BORINGSSL;
        c.add(otpnet ? OtpnetEcho.class.getName() : NettyEcho.class.getName());
        c.addAll(List.of("--port", "0"));
        if (tls) {
            c.addAll(List.of("--tls", "--certfile", cert.toString(), "--keyfile", key.toString()));
            c.addAll(List.of("--engine", this == NETTY_OPENSSL || this == OTPNET_BORINGSSL ? "openssl" : "jdk"));
        }
        return c;
    }
}
