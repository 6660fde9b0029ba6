package dev.otpnet.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import org.junit.jupiter.api.Assumptions;

/**
 * Real peers that nobody here wrote (erl, openssl, python3). A test that needs one calls
 * {@link #require}: in CI ({@code CI=true}) a missing peer fails the test; elsewhere the test is
 * skipped with a message naming the package to install.
 */
public final class Peers {
    private Peers() {
    }

    /** The absolute path of {@code program}, or a skip (a failure in CI) naming {@code debianPackages}. */
    public static String require(String program, String debianPackages) {
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

    /** {@code escript}, from Erlang/OTP. */
    public static String escript() {
        return require("escript", "erlang-base erlang-ssl erlang-crypto erlang-public-key");
    }

    public static String find(String program) {
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
