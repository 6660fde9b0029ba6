package dev.otpnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs {@code scripts/listener-scale-out} as CI does: two {@link ScaleOutServer} JVMs behind a real
 * HAProxy with {@code send-proxy-v2} and health checks, one drained while clients keep sending.
 * An integration test: it runs after {@code package}, because the script starts the instances with
 * {@code bin/example}.
 */
@Tag("interop")
class ListenerScaleOutIT {
    /** The script gives up after 180 s; this is a backstop. */
    private static final long DEADLINE_SECONDS = 300;

    @Test
    @Timeout(value = DEADLINE_SECONDS + 30, unit = TimeUnit.SECONDS)
    void drainingOneInstanceBehindHaproxyLosesNoMessageAndNoClientSeesAnError() throws Exception {
        Peers.require("haproxy", "haproxy");
        Peers.require("python3", "python3");
        ScriptRun r = ScriptRun.run(List.of(ScriptRun.script("listener-scale-out").toString()), DEADLINE_SECONDS);
        System.out.println(r.output());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("OK: no line lost, no client error"), r.output());
    }
}
