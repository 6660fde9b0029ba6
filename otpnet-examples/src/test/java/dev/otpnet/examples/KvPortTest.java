package dev.otpnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.etf.Atom;
import dev.otpnet.etf.Binary;
import dev.otpnet.etf.ErlList;
import dev.otpnet.etf.Int;
import dev.otpnet.etf.Tuple;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class KvPortTest {

    @Test
    void theStoreAnswersEachRequestAsDocumented() {
        KvPort kv = new KvPort();
        assertEquals(Atom.OK, kv.handle(Tuple.of(Atom.of("put"), Binary.utf8("k"), new Int(1))));
        assertEquals(Tuple.of(Atom.OK, new Int(1)), kv.handle(Tuple.of(Atom.of("get"), Binary.utf8("k"))));
        assertEquals(Atom.of("not_found"), kv.handle(Tuple.of(Atom.of("get"), Binary.utf8("x"))));
        assertEquals(ErlList.of(Binary.utf8("k")), kv.handle(Atom.of("keys")));
        assertEquals(Tuple.of(Atom.of("stats"), new Int(1), new Int(2), new Int(1)), kv.handle(Atom.of("stats")));
        assertEquals(Tuple.of(Atom.ERROR, Tuple.of(Atom.of("bad_request"), Atom.of("hi"))), kv.handle(Atom.of("hi")));
    }

    /** The README's walk-through: Elixir starts the Java program as a port (JDK from bin/find-jdk) and calls it. */
    @Test
    @Tag("interop")
    @Timeout(180)
    void elixirStartsTheJavaPortCallsItAndTheJavaProgramExitsWhenThePortCloses() throws Exception {
        String elixir = Peers.require("elixir", "elixir");
        Path script = Path.of("").toAbsolutePath().getParent().resolve("otpnet-examples/elixir/kv_client.exs");
        ScriptRun run = ScriptRun.run(List.of(elixir, script.toString(), System.getProperty("java.class.path")), 150);
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("{:get, {:user, 1}} -> {:ok, %{name: \"Ann\", roles: [:admin]}}"), run.output());
        assertTrue(run.output().contains(":stats -> {:stats, 3, 3, 2}"), run.output());
        assertTrue(run.output().contains("java exited after the port closed"), run.output());
    }
}
