package dev.otpnet.tcp;

import static dev.otpnet.inet.Options.active;
import static dev.otpnet.inet.Options.binary;
import static dev.otpnet.inet.Options.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Bytes;
import dev.otpnet.inet.InetException;
import dev.otpnet.testing.ChildJvm;
import dev.otpnet.testing.Peers;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A listen socket in a process that runs out of file descriptors keeps working: accept reports
 * {@code emfile} (or times out, when nobody is connecting) while the table is full, and accepts
 * again once descriptors are free. Run in a child JVM under {@code prlimit --nofile=64}, so the
 * exhaustion cannot disturb other tests; the child reports every uncaught throwable, and none
 * may occur.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FdExhaustionTest {

    @Test
    void aListenSocketSurvivesRunningOutOfDescriptors() {
        String prlimit = Peers.require("prlimit", "util-linux");
        try (ChildJvm child = ChildJvm.start(List.of(prlimit, "--nofile=64:64"),
                List.of("-Xmx64m", "-Xshare:auto"), AcceptUnderEmfile.class)) {
            String first = child.expect("phase1 ");
            assertTrue(first.equals("phase1 timeout") || first.equals("phase1 emfile")
                            || first.equals("phase1 system_limit"),
                    "with two descriptors left and nobody connecting: " + first);
            assertEquals("phase2 accepted", child.expect("phase2 "), "descriptors are free again");
            assertEquals("echo ping", child.expect("echo "), "the accepted socket reads");
            assertEquals("phase3 emfile", child.expect("phase3 "), "a client waits and no descriptor is left");
            assertEquals("phase4 accepted", child.expect("phase4 "), "descriptors are free again");
            child.expect("done");
            List<String> all = child.seenUntilExit();
            assertTrue(all.stream().noneMatch(l -> l.startsWith("uncaught ")), "a thread died: " + all);
        }
    }

    /** The child: a listen socket, then the table filled around it. */
    public static final class AcceptUnderEmfile {
        private static final List<FileInputStream> HOG = new ArrayList<>();

        public static void main(String[] args) throws Exception {
            ChildJvm.reportUncaught();
            TcpListenSocket l = GenTcp.listen(0, List.of(binary(), active(false), ip("127.0.0.1")));
            InetSocketAddress at = new InetSocketAddress("127.0.0.1", l.port());
            preload();

            fill(2);
            say("phase1 " + outcome(l, 500));
            release();

            SocketChannel c1 = SocketChannel.open(at);
            TcpSocket s1 = acceptOrNull(l, "phase2 ");
            if (s1 != null) {
                c1.write(ByteBuffer.wrap("ping".getBytes()));
                Object got = s1.recv(4, 10_000);
                say("echo " + ((Bytes) got).latin1());
            }

            SocketChannel c2 = SocketChannel.open(at);
            fill(0);
            say("phase3 " + outcome(l, 500));
            release();
            acceptOrNull(l, "phase4 ");
            c1.close();
            c2.close();
            say("done");
            System.exit(0);
        }

        /** Loads what the failure paths need, since with no descriptor left a class file cannot be opened. */
        private static void preload() throws ClassNotFoundException {
            for (String n : List.of("dev.otpnet.inet.InetException", "dev.otpnet.inet.Posix",
                    "dev.otpnet.inet.InetError", "dev.otpnet.internal.wire.Failures",
                    "java.net.SocketException", "java.io.IOException")) {
                Class.forName(n, true, AcceptUnderEmfile.class.getClassLoader());
            }
        }

        private static String outcome(TcpListenSocket l, long timeout) {
            try {
                l.accept(timeout).close();
                return "accepted";
            } catch (InetException e) {
                return e.reason().toString();
            }
        }

        private static TcpSocket acceptOrNull(TcpListenSocket l, String phase) {
            try {
                TcpSocket s = l.accept(10_000);
                say(phase + "accepted");
                return s;
            } catch (InetException e) {
                say(phase + e.reason());
                return null;
            }
        }

        /** Opens /dev/null until the table is full, then closes {@code leave} of them. */
        private static void fill(int leave) {
            try {
                while (true) {
                    HOG.add(new FileInputStream("/dev/null"));
                }
            } catch (IOException full) {
                for (int i = 0; i < leave && !HOG.isEmpty(); i++) {
                    close(HOG.removeLast());
                }
            }
        }

        private static void release() {
            while (!HOG.isEmpty()) {
                close(HOG.removeLast());
            }
        }

        private static void close(FileInputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // /dev/null
            }
        }

        private static void say(String line) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
