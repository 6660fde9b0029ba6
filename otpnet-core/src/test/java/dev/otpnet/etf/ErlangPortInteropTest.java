package dev.otpnet.etf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.testing.ErlangPeer;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Java program ({@link PortEcho}) run by real Erlang as a port with
 * {@code open_port({spawn_executable, Java}, [{packet, 4}, binary, nouse_stdio | use_stdio])}:
 * every term comes back {@code =:=}, and after {@code port_close} the Java process exits by itself.
 */
@Tag("interop")
@Timeout(120)
class ErlangPortInteropTest {

    @ParameterizedTest
    @ValueSource(strings = {"nouse_stdio", "use_stdio"})
    void erlangRunsAJavaProgramAsAPortAndItExitsWhenThePortCloses(String stdio) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (ErlangPeer erl = ErlangPeer.start("port_peer.escript", java, System.getProperty("java.class.path"),
                PortEcho.class.getName(), stdio)) {
            assertTrue(erl.expect("answers ").endsWith("23"));
            erl.expect("exited");
            erl.expectOk();
        }
    }
}
