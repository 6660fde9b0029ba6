package dev.otpnet.cli;

import dev.otpnet.inet.InetException;
import dev.otpnet.ssl.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Reads the PEM files the commands are given, failing with one line in the user's terms: which
 * file, and whether it is missing, unreadable, not PEM, encrypted without {@code --password}, or
 * the password is wrong. Reading them at start (rather than on the first connection) is what
 * makes {@code otpnet echo} refuse a bad certificate before it says it is listening.
 */
final class TlsFiles {
    private TlsFiles() {
    }

    static List<X509Certificate> certificates(Path file, String role) {
        readable(file, role);
        try {
            return Pem.readCertificates(file);
        } catch (InetException e) {
            throw new Failure("the " + role + " " + file + " holds no usable certificate: " + detail(e));
        }
    }

    static PrivateKey key(Path file, String password) {
        readable(file, "key file");
        try {
            return Pem.readKey(file, password == null ? null : password.toCharArray());
        } catch (InetException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("wrong password")) {
                throw new Failure("wrong password for the key in " + file);
            }
            if (m.contains("no password option")) {
                throw new Failure("the key in " + file + " is encrypted: give its --password");
            }
            throw new Failure("the key file " + file + " holds no usable private key: " + detail(e));
        }
    }

    private static void readable(Path file, String role) {
        if (!Files.exists(file)) {
            throw new Failure("the " + role + " " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new Failure("the " + role + " " + file + " is not a file");
        }
        if (!Files.isReadable(file)) {
            throw new Failure("the " + role + " " + file + " cannot be read (permission denied)");
        }
    }

    /** The detail an {@link InetException} carries, without the atom and its generic text. */
    static String detail(InetException e) {
        String m = String.valueOf(e.getMessage());
        int open = m.indexOf(" (");
        return open >= 0 && m.endsWith(")") ? m.substring(open + 2, m.length() - 1) : m;
    }
}
