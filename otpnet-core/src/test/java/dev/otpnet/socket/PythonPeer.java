package dev.otpnet.socket;

import static org.junit.jupiter.api.Assertions.fail;

import dev.otpnet.testing.ErlangPeer;
import dev.otpnet.testing.Peers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** python3 running test resource {@code python/socket_peer.py} in one role; its lines read with deadlines. */
final class PythonPeer implements AutoCloseable {
    private static final String EOF = "\u0000eof";
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private PythonPeer(Process process) {
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

    static PythonPeer start(String... args) {
        String python = Peers.require("python3", "python3");
        List<String> command = new ArrayList<>(List.of(python, ErlangPeer.resource("python/socket_peer.py").toString()));
        command.addAll(List.of(args));
        try {
            return new PythonPeer(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    String expect(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                fail("python printed no line starting with '" + prefix + "' within 60 s; it printed " + seen);
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                fail("python ended without printing '" + prefix + "'; it printed " + seen);
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    int port() throws InterruptedException {
        return Integer.parseInt(expect("port ").substring(5).trim());
    }

    void expectOk() throws InterruptedException {
        expect("ok");
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("python did not exit cleanly: " + seen);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
