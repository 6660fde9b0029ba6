package dev.otpnet.examples;

import dev.otpnet.inet.Inet;
import dev.otpnet.process.Proc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Runs one example server's {@code main} in this JVM, for tests that start it as a child process
 * (under {@code prlimit}, say). The example prints where it listens; then each {@code count} line
 * on stdin is answered with {@code count processes=P sockets=S fds=F}: the live processes
 * ({@code erlang:processes()}), the open sockets ({@code Inet.ports()}) and this JVM's open file
 * descriptors. {@code hog} opens {@code /dev/null} until this JVM is out of file descriptors and
 * answers {@code hogged N}; {@code release} closes them again and answers {@code released}. End of
 * stdin ends the JVM.
 */
public final class ExampleChild {
    private ExampleChild() {
    }

    public static void main(String[] args) throws Exception {
        String example = args[0];
        preloadClassesFromDirectories();
        System.getLogger(ExampleChild.class.getName()).log(System.Logger.Level.INFO, "starting " + example);
        Thread main = Thread.ofPlatform().name("example-main").start(() -> {
            try {
                switch (example) {
                    case "EchoServer" -> EchoServer.main(new String[] {"0"});
                    case "TlsEchoServer" -> TlsEchoServer.main(new String[] {"0"});
                    case "WorkerPoolServer" -> WorkerPoolServer.main(new String[] {"serve", "0"});
                    default -> throw new IllegalArgumentException("no example " + example);
                }
                System.out.println("main returned");
            } catch (Throwable e) {
                System.out.println("main threw " + e);
            }
            System.out.flush();
        });
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        java.util.List<java.nio.channels.FileChannel> hogged = new java.util.ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("hog")) {
                try {
                    while (hogged.size() < 1_000_000) {
                        hogged.add(java.nio.channels.FileChannel.open(Path.of("/dev/null")));
                    }
                } catch (IOException outOfDescriptors) {
                    System.out.println("hogged " + hogged.size());
                }
                System.out.flush();
            } else if (line.equals("release")) {
                for (java.nio.channels.FileChannel f : hogged) {
                    f.close();
                }
                hogged.clear();
                System.out.println("released");
                System.out.flush();
            } else if (line.equals("count")) {
                System.out.println("count processes=" + Proc.processes().size() + " sockets=" + Inet.ports().size()
                        + " fds=" + openFds() + " main=" + (main.isAlive() ? "running" : "ended"));
                System.out.flush();
            }
        }
        System.exit(0);
    }

    /**
     * Loads every class of the class path's directories now. A class read from a directory needs a
     * file descriptor at the moment it is first loaded, and this JVM is about to run out of them
     * on purpose; classes in jars need none once the jar is open (as when an example runs from its
     * jar).
     */
    private static void preloadClassesFromDirectories() throws IOException {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path dir = Path.of(entry);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".class"))::iterator) {
                    String name = dir.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                    try {
                        Class.forName(name, false, ExampleChild.class.getClassLoader());
                    } catch (ClassNotFoundException | LinkageError e) {
                        // not loadable on its own (a test needing JUnit, say): not used here
                    }
                }
            }
        }
    }

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
