package dev.otpnet.internal.tls;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finding the outside programs interop tests talk to. A missing program skips the test with the
 * Debian package to install, except under CI ({@code CI=true}) where it fails the test.
 */
final class Peers {
    private Peers() {
    }

    /** The path of {@code program}, or the test is skipped (failed under CI). */
    static Path require(String program, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String message = program + " is not installed; install it with: apt-get install -y " + debianPackage;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }
}
