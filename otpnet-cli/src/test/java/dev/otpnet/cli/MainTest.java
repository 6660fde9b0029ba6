package dev.otpnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line in-process: help, version and completion for every command. */
class MainTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "echo", "client", "gencert", "generate-completion"})
    void everyCommandHasHelpAndVersion(String command) {
        String[] prefix = command.isEmpty() ? new String[0] : new String[] {command};
        Run help = run(concat(prefix, "--help"));
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().startsWith("Usage: otpnet" + (command.isEmpty() ? "" : " " + command)), help.out());
        assertTrue(help.out().contains("--version"), help.out());
        Run version = run(concat(prefix, "--version"));
        assertEquals(0, version.exit(), version.err());
        assertTrue(version.out().startsWith("otpnet "), version.out());
        assertTrue(version.out().contains("Java " + Runtime.version().feature()), version.out());
    }

    @Test
    void theHelpOfEchoListsEveryFlagOfTheIssue() {
        String help = run("echo", "--help").out();
        for (String flag : List.of("--port", "--bind", "--tls", "--packet", "--certfile", "--keyfile", "--password",
                "--cacertfile", "--verify", "--fail-if-no-peer-cert", "--acceptors", "--max-connections",
                "--handshake-timeout", "--proxy-protocol", "--alpn", "--drain-timeout", "-v")) {
            assertTrue(help.contains(flag), flag + " in\n" + help);
        }
    }

    @Test
    void picocliWritesABashCompletionScriptForEveryCommand() {
        Run r = run("generate-completion");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("complete -F _complete_otpnet"), r.out());
        for (String s : List.of("echo", "client", "gencert", "--drain-timeout", "--servername", "--hosts")) {
            assertTrue(r.out().contains(s), s);
        }
    }

    private static String[] concat(String[] a, String b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = b;
        return r;
    }
}
