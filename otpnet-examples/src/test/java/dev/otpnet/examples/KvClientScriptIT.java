package dev.otpnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code elixir otpnet-examples/elixir/kv_client.exs} exactly as the README gives it: no class path
 * argument, so the script finds the packaged jar and its lib/ directory (this runs after
 * {@code package}) and the JDK through {@code bin/find-jdk}.
 */
@Tag("interop")
@Timeout(180)
class KvClientScriptIT {

    @Test
    void theReadmesCommandRunsTheJavaPortFromThePackagedJar() throws Exception {
        String elixir = Peers.require("elixir", "elixir");
        Path script = Path.of("").toAbsolutePath().getParent().resolve("otpnet-examples/elixir/kv_client.exs");
        ScriptRun run = ScriptRun.run(List.of(elixir, script.toString()), 150);
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("{:get, \"language\"} -> {:ok, \"Elixir\"}"), run.output());
        assertTrue(run.output().contains("java exited after the port closed"), run.output());
    }
}
