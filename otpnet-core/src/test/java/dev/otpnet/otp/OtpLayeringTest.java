package dev.otpnet.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The floors: {@code dev.otpnet.otp} stands on {@code dev.otpnet.process} and the JDK only, and
 * keeps its classes small. Reads the sources, so it needs no bytecode library.
 */
class OtpLayeringTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/otpnet/otp");

    @Test
    void theOtpPackageImportsOnlyTheProcessPackageAndTheJdk() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), SOURCES.toAbsolutePath() + " is where the tests run from");
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    String l = line.strip();
                    if (l.startsWith("import ") && !(l.startsWith("import java.") || l.startsWith("import dev.otpnet.process.")
                            || l.startsWith("import dev.otpnet.otp.") || l.startsWith("import static java.")
                            || l.equals("import dev.otpnet.internal.time.Deadline;"))) {
                        offending.add(file.getFileName() + ": " + l);
                    }
                    if (l.matches(".*\\bdev\\.otpnet\\.(inet|tcp|ssl|socket|packet|listener|etf|internal)\\..*") && !l.startsWith("*")
                            && !l.equals("import dev.otpnet.internal.time.Deadline;")
                            && !l.startsWith("//")) {
                        offending.add(file.getFileName() + ": " + l);
                    }
                }
            }
        }
        assertEquals(List.of(), offending);
    }

    @Test
    void everyClassStaysUnderFourHundredLines() throws IOException {
        List<String> long_ = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.toList()) {
                int lines = Files.readAllLines(file).size();
                if (lines > 400) {
                    long_.add(file.getFileName() + " has " + lines + " lines");
                }
            }
        }
        assertEquals(List.of(), long_);
    }
}
