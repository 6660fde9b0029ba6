package dev.otpnet.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An Erlang program run with {@code escript} from the test resources: a real peer nobody here
 * wrote. Its stdout is read line by line; every wait has a deadline, and {@link #close} kills it.
 */
public final class ErlangPeer implements AutoCloseable {
    private static final String EOF = "\u0000eof";
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ErlangPeer(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            } finally {
                lines.add(EOF);
            }
        });
    }

    /** Starts {@code script} (a file under test resources {@code erlang/}) with {@code args}. */
    public static ErlangPeer start(String script, String... args) {
        String escript = Peers.escript();
        List<String> command = new ArrayList<>(List.of(escript, resource("erlang/" + script).toString()));
        command.addAll(List.of(args));
        try {
            return new ErlangPeer(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (line == null) {
                fail("the Erlang peer printed no line starting with '" + prefix + "' within 60 s; it printed " + seen);
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                fail("the Erlang peer ended without printing '" + prefix + "'; it printed " + seen);
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("fail:") || line.contains("exception error") || line.startsWith("escript:")) {
                fail("the Erlang peer failed: " + seen);
            }
        }
    }

    /** The port printed as "port N". */
    public int port() {
        return Integer.parseInt(expect("port ").substring(5).trim());
    }

    /** Waits for "ok" and a clean exit. */
    public void expectOk() {
        expect("ok");
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                fail("the Erlang peer did not exit after ok");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (process.exitValue() != 0) {
            fail("the Erlang peer exited " + process.exitValue() + ": " + seen);
        }
    }

    public List<String> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
