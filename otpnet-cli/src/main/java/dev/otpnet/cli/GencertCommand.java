package dev.otpnet.cli;

import dev.otpnet.ssl.KeyType;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code otpnet gencert}: a CA and a certificate it signed, as {@code ca.pem}, {@code ca-key.pem},
 * {@code cert.pem} and {@code key.pem}, each readable by the user only. Prints what it wrote and
 * the CA's fingerprint on stdout.
 */
@Command(name = "gencert", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Writes a CA (ca.pem, ca-key.pem) and a certificate it signed (cert.pem, key.pem) for --hosts, "
                + "files readable by you only (0600). Never overwrites."})
final class GencertCommand implements Callable<Integer> {
    private static final Pattern DNS = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*");

    enum KeyKind { ec, rsa }

    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the four files into (made if missing).")
    Path out;

    @Option(names = "--hosts", split = ",", defaultValue = "localhost,127.0.0.1", paramLabel = "H",
            description = "Host names and addresses the certificate is for; the first is its CN (default ${DEFAULT-VALUE}).")
    List<String> hosts;

    @Option(names = "--days", defaultValue = "365", paramLabel = "N", description = "Days the certificate is valid (default ${DEFAULT-VALUE}); the CA at least ten years.")
    int days;

    @Option(names = "--password", paramLabel = "P", description = "Encrypt both keys (PKCS#8, AES-256) with this password.")
    String password;

    @Option(names = "--key", defaultValue = "ec", paramLabel = "ec|rsa", description = "Key type: ec (P-256) or rsa (2048) (default ${DEFAULT-VALUE}).")
    KeyKind key;

    @Override
    public Integer call() {
        check(days >= 1 && days <= 36_500, "--days must be 1..36500, not " + days);
        check(password == null || !password.isEmpty(), "--password must not be empty");
        check(!hosts.isEmpty(), "--hosts needs at least one host");
        for (String h : hosts) {
            check(valid(h), "--hosts: '" + h + "' is neither a host name nor an IP address");
        }
        KeyType type = key == KeyKind.rsa ? KeyType.RSA_2048 : KeyType.EC_P256;
        CertFiles.Pair pair = CertFiles.generate(hosts, days, type, "otpnet CA for " + hosts.getFirst());
        try {
            CertFiles.write(out, pair, password);
        } catch (FileAlreadyExistsException e) {
            throw new Failure(e.getFile() + " already exists: gencert never overwrites; choose another --out");
        } catch (IOException e) {
            throw new Failure("cannot write the certificates into " + out + ": " + e.getMessage());
        }
        System.out.println("wrote " + out.resolve(CertFiles.CA) + " (CA certificate, SHA-256 fingerprint "
                + CertFiles.fingerprint(pair.ca().certificate()) + ")");
        System.out.println("wrote " + out.resolve(CertFiles.CA_KEY) + " (CA key" + (password == null ? "" : ", encrypted") + ")");
        System.out.println("wrote " + out.resolve(CertFiles.CERT) + " (certificate for " + String.join(", ", hosts)
                + ", valid " + days + " days)");
        System.out.println("wrote " + out.resolve(CertFiles.KEY) + " (key" + (password == null ? "" : ", encrypted") + ")");
        return 0;
    }

    private static boolean valid(String host) {
        if (CertFiles.isAddress(host)) {
            try {
                InetAddress.ofLiteral(host);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return host.length() <= 253 && DNS.matcher(host).matches();
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
