package dev.otpnet.socket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts this JVM's threads, virtual ones included: {@code Thread.getAllStackTraces()} sees only
 * platform threads, so the count comes from the JDK's own thread dump ({@code jcmd Thread.dump_to_file
 * -format=json}), which lists every thread container with its {@code threadCount}.
 */
final class Threads {
    private Threads() {
    }

    static int platform() {
        return Thread.getAllStackTraces().size();
    }

    static int all() {
        try {
            Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
            Path dump = Files.createTempFile("otpnet-threads", ".json");
            Files.delete(dump);
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(ProcessHandle.current().pid()),
                    "Thread.dump_to_file", "-format=json", dump.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd Thread.dump_to_file failed");
            }
            String json = Files.readString(dump);
            Files.delete(dump);
            Matcher m = Pattern.compile("\"threadCount\": \"?(\\d+)").matcher(json);
            int total = 0;
            while (m.find()) {
                total += Integer.parseInt(m.group(1));
            }
            return total;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
