package dev.otpnet.socket;

import dev.otpnet.testing.ErlangPeer;
import dev.otpnet.testing.LineReader;
import dev.otpnet.testing.Peers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** python3 running test resource {@code python/socket_peer.py} in one role; its lines read with deadlines. */
final class PythonPeer implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final LineReader lines;

    private PythonPeer(LineReader lines) {
        this.lines = lines;
    }

    static PythonPeer start(String... args) {
        String python = Peers.require("python3", "python3");
        List<String> command = new ArrayList<>(List.of(python, ErlangPeer.resource("python/socket_peer.py").toString()));
        command.addAll(List.of(args));
        return new PythonPeer(LineReader.start("python", command, line -> false));
    }

    String expect(String prefix) {
        return lines.expect(prefix, PATIENCE);
    }

    int port() {
        return Integer.parseInt(expect("port ").substring(5).trim());
    }

    void expectOk() {
        lines.expectOkAndCleanExit(PATIENCE);
    }

    @Override
    public void close() {
        lines.close();
    }
}
