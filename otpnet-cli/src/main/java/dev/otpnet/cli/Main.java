package dev.otpnet.cli;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code otpnet}: the command line. Subcommands {@code echo} (the supervised TLS echo server of
 * the walk-through), {@code client}, {@code gencert} and {@code generate-completion}.
 *
 * <p>Exit codes: 0 done; 2 bad usage (an unknown option, a value out of range, options that do
 * not go together); 1 a runtime failure (a port in use, an unreadable certificate, a refused
 * connection). A failure is one line on stderr, {@code otpnet COMMAND: what went wrong}, in the
 * user's terms; the stack trace is logged only with {@code -v}.
 */
@Command(name = "otpnet", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Erlang/OTP's networking model on the JVM: a TLS echo server, a client, certificates.",
        subcommands = {EchoCommand.class, ClientCommand.class, GencertCommand.class,
                AutoComplete.GenerateCompletion.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "give a command: echo, client, gencert or generate-completion");
    }

    public static void main(String[] args) {
        Logs.configure(false);
        System.exit(run(args));
    }

    /** Runs {@code otpnet args} and returns the exit code (for tests and {@link #main}). */
    static int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // generate-completion is picocli's own: give it the same --version as every other command.
        CommandLine completion = cli.getSubcommands().get("generate-completion");
        completion.getCommandSpec().versionProvider(new Version());
        completion.getCommandSpec().mixinStandardHelpOptions(true);
        completion.getCommandSpec().usageMessage().hidden(false);
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler(Main::failure);
        return cli;
    }

    /** Bad usage: one line naming the problem, and where help is; exit 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine c = e.getCommandLine();
        PrintWriter err = c.getErr();
        err.println(c.getCommandSpec().qualifiedName() + ": " + oneLine(e.getMessage())
                + " (see " + c.getCommandSpec().qualifiedName() + " --help)");
        err.flush();
        return 2;
    }

    /** A runtime failure: one line; {@link Failure} carries its own code. */
    private static int failure(Exception e, CommandLine c, CommandLine.ParseResult parsed) {
        PrintWriter err = c.getErr();
        String who = c.getCommandSpec().qualifiedName();
        int code = 1;
        String text;
        if (e instanceof Failure f) {
            text = f.getMessage();
            code = f.exitCode();
        } else if (e instanceof ParameterException p) {
            return usageError(p, new String[0]);
        } else {
            text = "unexpected " + e;
        }
        Logs.debug("the failure's stack trace", e);
        err.println(who + ": " + oneLine(text));
        err.flush();
        return code;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
