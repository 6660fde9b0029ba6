package dev.otpnet.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An Erlang program run with {@code escript} from the test resources: a real peer nobody here
 * wrote. Its stdout is read line by line; every wait has a deadline, and {@link #close} kills it.
 */
public final class ErlangPeer implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final LineReader lines;

    private ErlangPeer(LineReader lines) {
        this.lines = lines;
    }

    /** Starts {@code script} (a file under test resources {@code erlang/}) with {@code args}. */
    public static ErlangPeer start(String script, String... args) {
        String escript = Peers.escript();
        List<String> command = new ArrayList<>(List.of(escript, resource("erlang/" + script).toString()));
        command.addAll(List.of(args));
        return new ErlangPeer(LineReader.start("the Erlang peer", command, line -> line.startsWith("fail:")
                || line.contains("exception error") || line.startsWith("escript:")));
    }

    public static Path resource(String name) {
        try {
            var url = ErlangPeer.class.getClassLoader().getResource(name);
            if (url == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next line that starts with {@code prefix} (earlier lines are kept for the report). */
    public String expect(String prefix) {
        return lines.expect(prefix, PATIENCE);
    }

    /** The port printed as "port N". */
    public int port() {
        return Integer.parseInt(expect("port ").substring(5).trim());
    }

    /** Waits for "ok" and a clean exit. */
    public void expectOk() {
        lines.expectOkAndCleanExit(PATIENCE);
    }

    public List<String> seen() {
        return lines.seen();
    }

    @Override
    public void close() {
        lines.close();
    }
}
