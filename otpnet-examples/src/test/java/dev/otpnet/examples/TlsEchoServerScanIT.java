package dev.otpnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs {@code scripts/testssl-scan} against the TLS echo server, as CI does. An integration test:
 * it runs after {@code package}, because the script starts the server with {@code bin/example},
 * which runs the packaged jar.
 */
@Tag("interop")
class TlsEchoServerScanIT {
    /** The script bounds each of its three scans (300 s) and the server's start; this is a backstop. */
    private static final long DEADLINE_SECONDS = 1_800;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES) // three testssl scans of about two minutes each, on a loaded machine
    void testsslFindsNothingWrongWithTheTlsEchoServer() throws Exception {
        if (Peers.find("testssl") == null && Peers.find("testssl.sh") == null) {
            Peers.require("testssl", "testssl.sh");
        }
        Peers.require("openssl", "openssl");
        Peers.require("python3", "python3");
        ScriptRun r = ScriptRun.run(List.of(ScriptRun.script().toString()), DEADLINE_SECONDS);
        System.out.println(r.output());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("rsa (") && r.output().contains("ec (") && r.output().contains("ec, boringssl ("),
                "both key types and both engines were scanned:\n" + r.output());
    }
}
