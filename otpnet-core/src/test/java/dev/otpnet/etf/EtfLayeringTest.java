package dev.otpnet.etf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.otpnet.etf} is on the ground floor: its compiled classes name no class of
 * {@code tcp}, {@code ssl}, {@code socket}, {@code otp}, {@code listener} or their internals (a
 * class file lists every class it refers to in its constant pool, so a search of the bytes finds
 * any such reference).
 */
class EtfLayeringTest {
    private static final List<String> HIGHER = List.of("dev/otpnet/tcp/", "dev/otpnet/ssl/", "dev/otpnet/socket/",
            "dev/otpnet/otp/", "dev/otpnet/listener/", "dev/otpnet/internal/tcp/", "dev/otpnet/internal/tls/");

    @Test
    void theEtfPackageNamesNoHigherPackage() throws IOException, URISyntaxException {
        Path dir = Path.of(Terms.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("dev/otpnet/etf");
        List<String> offences = new ArrayList<>();
        int classes = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                classes++;
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String h : HIGHER) {
                    if (text.contains(h)) {
                        offences.add(f.getFileName() + " refers to " + h);
                    }
                }
            }
        }
        assertTrue(classes >= 20, "found only " + classes + " classes in " + dir);
        assertEquals(List.of(), offences);
    }
}
