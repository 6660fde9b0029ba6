package dev.otpnet.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a script of this repository, its output collected in a file (so a chatty script never
 * blocks on a full pipe). A script that overruns its deadline is stopped with its whole process tree
 * and the test fails.
 */
record ScriptRun(int exit, String output) {

    /** {@code scripts/testssl-scan}, found from the examples module's directory, where tests run. */
    static Path script() {
        return script("testssl-scan");
    }

    /** {@code scripts/<name>}, found from the examples module's directory, where tests run. */
    static Path script(String name) {
        Path script = Path.of("").toAbsolutePath().getParent().resolve("scripts/" + name);
        if (!Files.isExecutable(script)) {
            fail(script + " is missing or not executable");
        }
        return script;
    }

    static ScriptRun run(List<String> command, long deadlineSeconds) throws Exception {
        File out = File.createTempFile("script-run", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start();
            if (!p.waitFor(deadlineSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                p.onExit().get(30, TimeUnit.SECONDS);
                fail(command + " did not end within " + deadlineSeconds + " s; output:\n" + read(out));
            }
            return new ScriptRun(p.exitValue(), read(out));
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }

    private static String read(File f) throws java.io.IOException {
        return Files.readString(f.toPath(), StandardCharsets.UTF_8);
    }
}
