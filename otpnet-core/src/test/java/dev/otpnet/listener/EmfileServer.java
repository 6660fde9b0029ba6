package dev.otpnet.listener;

import static dev.otpnet.inet.Options.ip;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.inet.InetSocket;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.util.List;

/**
 * The child JVM of {@link ListenerEmfileTest}: an echo listener without a connection limit, run
 * under {@code prlimit --nofile}, answering commands on stdin: {@code info} prints one line of
 * numbers, {@code quit} stops the listener and exits.
 */
public final class EmfileServer {
    private EmfileServer() {
    }

    public static void main(String[] args) throws Exception {
        Listener.start("emfile", Transport.tcp(), ListenerSettings.DEFAULT.withMaxConnections(ListenerSettings.INFINITY)
                .withNumAcceptors(4).withSocketOptions(List.of(ip("127.0.0.1"))), conn -> {
                    InetSocket s = conn.socket();
                    while (true) {
                        try {
                            s.send((Bytes) s.recv(0));
                        } catch (InetException closed) {
                            return;
                        }
                    }
                });
        System.out.println("PORT " + Listener.port("emfile"));
        System.out.flush();
        // Opened now: at emfile nothing more can be opened, but /proc files re-read from offset 0.
        java.nio.channels.FileChannel stat = java.nio.channels.FileChannel.open(java.nio.file.Path.of("/proc/self/stat"));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "info" -> {
                    ListenerInfo i = Listener.info("emfile");
                    // utime and stime, fields 14 and 15 of /proc/self/stat, in clock ticks of 10 ms.
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4096);
                    stat.read(buf, 0);
                    String text = new String(buf.array(), 0, buf.position(), java.nio.charset.StandardCharsets.US_ASCII);
                    String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
                    long cpuNanos = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
                    String[] fds = new File("/proc/self/fd").list(); // null while out of descriptors
                    System.out.println("INFO active=" + i.activeConnections() + " episodes=" + i.backoffEpisodes()
                            + " cpuMillis=" + cpuNanos / 1_000_000 + " fds=" + (fds == null ? -1 : fds.length)
                            + " threads=" + Thread.activeCount());
                }
                case "quit" -> {
                    Listener.stop("emfile");
                    System.out.println("BYE");
                    System.out.flush();
                    System.exit(0);
                }
                default -> System.out.println("ERR unknown command " + line);
            }
            System.out.flush();
        }
    }
}
