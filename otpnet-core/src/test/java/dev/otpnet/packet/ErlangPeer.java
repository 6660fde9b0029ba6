package dev.otpnet.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the escripts under test resources with the real Erlang: the reference the codecs are held
 * to. Without {@code escript} on the PATH the calling test is skipped, naming the package to
 * install, except in CI ({@code CI=true}), where a missing peer is a failure.
 */
final class ErlangPeer {
    private static final long TIMEOUT_SECONDS = 120;

    private ErlangPeer() {}

    /** The escript executable, or the test is skipped (outside CI) or failed (in CI). */
    static Path escript() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "escript");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String message = "escript (Erlang/OTP) is not on the PATH; install it with: apt-get install -y erlang-base";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI=true: interop peers are required)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /** Runs the escript resource {@code name} with {@code args}; returns its standard output. */
    static String run(String name, String... args) throws IOException, InterruptedException {
        Path script = resource(name);
        List<String> command = new ArrayList<>();
        command.add(escript().toString());
        command.add(script.toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("escript-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean done = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done) {
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.ISO_8859_1);
            assertTrue(done, () -> name + " did not finish within " + TIMEOUT_SECONDS + " s:\n" + output);
            assertEquals(0, process.exitValue(), () -> name + " failed:\n" + output);
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Path resource(String name) {
        try {
            var url = ErlangPeer.class.getResource(name);
            if (url == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
