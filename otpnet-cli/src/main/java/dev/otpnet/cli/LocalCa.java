package dev.otpnet.cli;

import dev.otpnet.ssl.Credential;
import dev.otpnet.ssl.KeyType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The zero set-up of {@code otpnet echo --tls}: a CA and a {@code localhost}/{@code 127.0.0.1}
 * certificate it signed, made once per user and reused by every later run, so a client can trust
 * the CA once ({@code ca.pem}, or its SHA-256 fingerprint) and keep trusting the server.
 *
 * <p>They live in {@code $XDG_DATA_HOME/otpnet}, else {@code ~/.local/share/otpnet} when
 * {@code ~/.local/share} exists, else {@code ~/.otpnet}; files 0600, directory 0700. Two servers
 * starting at once take a file lock, so only one makes them. A leaf within a week of expiring is
 * re-issued by the same CA, so clients that trust the CA notice nothing.
 */
final class LocalCa {
    static final List<String> HOSTS = List.of("localhost", "127.0.0.1");
    static final int LEAF_DAYS = 397;
    private static final System.Logger LOG = System.getLogger("otpnet.echo");

    /** The directory and the credentials in it; {@code created} when this run made them. */
    record Loaded(Path dir, X509Certificate ca, Credential leaf, boolean created) {
        Path caFile() {
            return dir.resolve(CertFiles.CA);
        }
    }

    private LocalCa() {
    }

    /** Where the files are for this environment (see the class comment). */
    static Path dir(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "otpnet");
        }
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        Path share = home.resolve(".local/share");
        return Files.isDirectory(share) ? share.resolve("otpnet") : home.resolve(".otpnet");
    }

    /** Loads the CA and certificate from {@link #dir}, making them first if they are not there. */
    static Loaded loadOrCreate(Path dir) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                boolean created = false;
                if (!Files.exists(dir.resolve(CertFiles.CA))) {
                    CertFiles.write(dir, CertFiles.generate(HOSTS, LEAF_DAYS, KeyType.EC_P256, caName()), null);
                    created = true;
                }
                X509Certificate ca = TlsFiles.certificates(dir.resolve(CertFiles.CA), "CA file").getFirst();
                Credential leaf = new Credential(TlsFiles.certificates(dir.resolve(CertFiles.CERT), "certificate file"),
                        TlsFiles.key(dir.resolve(CertFiles.KEY), null));
                if (leaf.certificate().getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(7)))) {
                    PrivateKey caKey = TlsFiles.key(dir.resolve(CertFiles.CA_KEY), null);
                    leaf = CertFiles.issue(new Credential(List.of(ca), caKey), HOSTS, LEAF_DAYS, KeyType.EC_P256);
                    CertFiles.replaceLeaf(dir, leaf);
                    LOG.log(System.Logger.Level.INFO, "the certificate in {0} was about to expire: issued a new one "
                            + "from the same CA", dir);
                }
                return new Loaded(dir, ca, leaf, created);
            }
        } catch (IOException e) {
            throw new Failure("cannot set up the local CA in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Names the user and the day, so two such CAs in one trust store can be told apart. */
    private static String caName() {
        return "otpnet local CA (" + System.getProperty("user.name") + ", " + java.time.LocalDate.now() + ")";
    }
}
