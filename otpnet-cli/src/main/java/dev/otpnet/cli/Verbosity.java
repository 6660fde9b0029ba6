package dev.otpnet.cli;

import picocli.CommandLine.Option;

/** {@code -v}: debug logs on stderr (a mixin of every command). */
final class Verbosity {
    @Option(names = {"-v", "--verbose"}, description = "Log debug details (and failures' stack traces) to stderr.")
    void verbose(boolean on) {
        Logs.configure(on);
    }
}
