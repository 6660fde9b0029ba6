package dev.otpnet.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The physical limits each figure can be read against, measured on the same machine in the same run:
 * OpenSSL's AES-128-GCM on one core, the JDK's on one core (16 KiB records, as TLS writes them), and
 * the raw loopback copy rate of two plain sockets.
 */
final class Physical {
    private Physical() {
    }

    static String measure() {
        List<String> rows = new ArrayList<>();
        rows.add("| `openssl speed -evp aes-128-gcm`, 16 KiB blocks, one core | " + opensslGcm() + " |");
        rows.add("| `javax.crypto` AES-128-GCM, 16 KiB records, one thread | " + jdkGcm() + " |");
        rows.add("| raw loopback copy, two plain sockets, 64 KiB writes | " + loopback() + " |");
        return String.join("\n", rows) + "\n";
    }

    private static String opensslGcm() {
        if (!Machine.has("openssl")) {
            return "openssl not installed";
        }
        List<String> cmd = new ArrayList<>();
        if (Machine.has("taskset")) {
            cmd.addAll(List.of("taskset", "-c", "0"));
        }
        cmd.addAll(List.of("openssl", "speed", "-seconds", "2", "-bytes", "16384", "-evp", "aes-128-gcm"));
        String out = Machine.output(cmd);
        // The last line reads: "AES-128-GCM  <kB/s>k"
        String last = out.lines().reduce((a, b) -> b).orElse("");
        String[] f = last.trim().split("\\s+");
        try {
            double kbps = Double.parseDouble(f[f.length - 1].replace("k", ""));
            return String.format("%,.0f MB/s", kbps * 1000 / 1e6);
        } catch (NumberFormatException e) {
            return "unreadable: " + last;
        }
    }

    private static String jdkGcm() {
        try {
            byte[] key = new byte[16];
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] in = new byte[16 * 1024];
            byte[] out = new byte[in.length + 16];
            ByteBuffer iv = ByteBuffer.allocate(12);
            long bytes = 0;
            long end = System.nanoTime() + 3_000_000_000L;
            long start = 0;
            for (long n = 0; System.nanoTime() < end; n++) {
                if (n == 2000) {   // warm-up done: count from here
                    start = System.nanoTime();
                    bytes = 0;
                }
                iv.putLong(4, n);
                c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv.array()));
                c.doFinal(in, 0, in.length, out, 0);
                bytes += in.length;
            }
            return start == 0 ? "too slow to warm up" : String.format("%,.0f MB/s", bytes / ((System.nanoTime() - start) / 1e9) / 1e6);
        } catch (GeneralSecurityException e) {
            return "failed: " + e;
        }
    }

    private static String loopback() {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket out = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort());
             Socket in = ss.accept()) {
            long[] received = new long[1];
            long deadline = System.nanoTime() + 3_000_000_000L;
            Thread reader = Thread.ofPlatform().start(() -> {
                byte[] buf = new byte[64 * 1024];
                try (InputStream is = in.getInputStream()) {
                    int n;
                    while ((n = is.read(buf)) > 0) {
                        received[0] += n;
                    }
                } catch (IOException ignored) {
                    // the writer closed
                }
            });
            byte[] buf = new byte[64 * 1024];
            long t0 = System.nanoTime();
            try (OutputStream os = out.getOutputStream()) {
                while (System.nanoTime() < deadline) {
                    os.write(buf);
                }
            }
            reader.join(10_000);
            return String.format("%,.0f MB/s", received[0] / ((System.nanoTime() - t0) / 1e9) / 1e6);
        } catch (IOException | InterruptedException e) {
            return "failed: " + e;
        }
    }
}
