package dev.otpnet.cli;

/**
 * A runtime failure to report as one line and an exit code (1 unless told otherwise): a port in
 * use, an unreadable certificate, a refused connection. The message is in the user's terms and
 * names the thing that failed; {@link Main} prints it as {@code otpnet COMMAND: message}.
 */
final class Failure extends RuntimeException {
    private final int exitCode;

    Failure(String message) {
        this(message, null);
    }

    Failure(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = 1;
    }

    int exitCode() {
        return exitCode;
    }
}
