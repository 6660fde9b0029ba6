package dev.otpnet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the machine is and has: printed with every report so a figure can be read in context. */
final class Machine {
    private Machine() {
    }

    /** This process's descriptor limit (soft), from /proc; the servers it starts inherit it. */
    static long maxOpenFiles() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: no cap known
        }
        return Long.MAX_VALUE;
    }

    static boolean has(String tool) {
        return !output(List.of("sh", "-c", "command -v " + tool)).isBlank();
    }

    static String output(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out.trim();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static String describe() {
        String cpu = output(List.of("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"));
        String otp = output(List.of("erl", "-noshell", "-eval",
                "io:format(\"~s\", [erlang:system_info(otp_release)]), halt()."));
        // the machine's, not this JVM's: bin/bench pins the load generator to one CPU
        String cores = output(List.of("sh", "-c", "grep -c ^processor /proc/cpuinfo"));
        return "| cores | " + (cores.isBlank() ? "unknown" : cores) + " (" + cpu.trim() + ") |\n"
                + "| memory | " + output(List.of("sh", "-c", "free -h | awk '/Mem:/{print $2}'")) + " |\n"
                + "| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " |\n"
                + "| Erlang/OTP | " + (otp.isBlank() ? "not installed" : otp) + " |\n"
                + "| OpenSSL | " + output(List.of("openssl", "version")) + " |\n"
                + "| kernel | " + output(List.of("uname", "-r")) + " |\n"
                + "| pinning | " + (has("taskset") ? "server on CPU 0, load generator on CPU 1 (taskset)" : "none (no taskset)") + " |\n";
    }
}
