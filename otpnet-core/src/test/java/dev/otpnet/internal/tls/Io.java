package dev.otpnet.internal.tls;

import dev.otpnet.internal.wire.Wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Small blocking helpers for tests that drive wires. */
final class Io {
    static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

    private Io() {
    }

    static void write(Wire w, String s) throws IOException {
        w.write(new ByteBuffer[] {ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8))});
    }

    static void write(Wire w, byte[] b) throws IOException {
        w.write(new ByteBuffer[] {ByteBuffer.wrap(b)});
    }

    /** Reads exactly {@code n} bytes, failing if the stream ends first. */
    static byte[] read(Wire w, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (w.read(b) < 0) {
                throw new IOException("end of stream after " + b.position() + " of " + n + " bytes");
            }
        }
        return b.array();
    }

    static String readString(Wire w, int n) throws IOException {
        return new String(read(w, n), StandardCharsets.UTF_8);
    }

    /** Reads until the end of the stream. */
    static byte[] readAll(Wire w) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(8192);
        while (w.read(b.clear()) >= 0) {
            out.write(b.array(), 0, b.position());
        }
        return out.toByteArray();
    }
}
