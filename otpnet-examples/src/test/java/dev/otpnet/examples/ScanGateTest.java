package dev.otpnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks {@code scripts/testssl-scan} applies to testssl's JSON ({@code --gate}), on scans
 * testssl really wrote: one of the echo server before otpnet refused client renegotiation by
 * default (self-signed, in-memory certificate), and one after (a CA-issued RSA certificate).
 */
@Tag("interop")
class ScanGateTest {
    private static final Path FIXTURES = Path.of("src/test/resources/testssl");

    @TempDir
    Path dir;

    private static ScriptRun gate(Path json) throws Exception {
        Peers.require("python3", "python3");
        return ScriptRun.run(List.of(ScriptRun.script().toString(), "--gate", json.toString()), 60);
    }

    @Test
    void aRealScanWithOnlyTheExcludedRevocationFindingPasses() throws Exception {
        ScriptRun r = gate(FIXTURES.resolve("rsa-passing.json"));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("excluded cert_revocation [HIGH]"), r.output());
    }

    @Test
    void theScanThatFoundClientRenegotiationVulnerableFailsNamingIt() throws Exception {
        ScriptRun r = gate(FIXTURES.resolve("self-signed-before-the-renegotiation-fix.json"));
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("FAIL secure_client_renego [MEDIUM]: VULNERABLE, potential DoS threat"), r.output());
        assertTrue(r.output().contains("FAIL cert_chain_of_trust [CRITICAL]"), r.output());
    }

    @Test
    void tls10OnOfferFailsAlthoughTestsslRatesItOnlyLow() throws Exception {
        String passing = Files.readString(FIXTURES.resolve("rsa-passing.json"));
        String tls1 = """
                              "id"           : "TLS1",
                              "ip"           : "127.0.0.1/127.0.0.1",
                              "port"         : "34717",
                              "severity"     : "INFO",
                              "finding"      : "not offered"\
                """;
        assertTrue(passing.contains(tls1), "the fixture holds the TLS1 finding as expected");
        Path offered = dir.resolve("tls1-offered.json");
        Files.writeString(offered, passing.replace(tls1, tls1.replace("INFO", "LOW")
                .replace("\"not offered\"", "\"offered (deprecated)\"")));
        ScriptRun r = gate(offered);
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("FAIL TLS 1.0 must not be offered: offered (deprecated)"), r.output());
    }
}
