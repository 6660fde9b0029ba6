package dev.otpnet.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import org.junit.jupiter.api.Assumptions;

/**
 * Outside programs the examples' tests talk to (python3, testssl), as otpnet-core's test helper of
 * the same name: in CI ({@code CI=true}) a missing one fails the test; elsewhere the test is
 * skipped with a message naming the package to install.
 */
final class Peers {
    private Peers() {
    }

    /** The absolute path of {@code program}, or a skip (a failure in CI) naming {@code debianPackages}. */
    static String require(String program, String debianPackages) {
        String path = find(program);
        if (path == null) {
            String message = program + " is not installed: apt-get install -y " + debianPackages;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (CI=true, so a missing peer is a failure)");
            }
            Assumptions.abort(message);
        }
        return path;
    }

    static String find(String program) {
        String pathEnv = System.getenv("PATH");
        if (pathEnv == null) {
            return null;
        }
        for (String dir : pathEnv.split(File.pathSeparator)) {
            File f = new File(dir, program);
            if (f.isFile() && f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
