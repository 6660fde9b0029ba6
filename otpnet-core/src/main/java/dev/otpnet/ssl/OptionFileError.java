package dev.otpnet.ssl;

import dev.otpnet.inet.Reason;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A certificate, key or CA file that could not be read: the {@code Bad} of Erlang's
 * {@code {options, {certfile, File, {error, enoent}}}}. The failure's reason is
 * {@code Reason.Tagged("options", this)}, so a program matches it as it would in Erlang:
 *
 * <pre>{@code
 * switch (e.reason()) {
 *     case Reason.Tagged(var tag, OptionFileError(var option, var file, var error)) -> ...;
 *     default -> ...;
 * }
 * }</pre>
 *
 * A file that was read but holds no usable certificate or key is {@link SslError#ECERTFILE},
 * {@link SslError#EKEYFILE} or {@link SslError#ECACERTFILE} instead, with the file and the
 * problem in the exception's message.
 *
 * @param option the option that named the file: {@code certfile}, {@code keyfile} or
 *               {@code cacertfile} ({@code keyfile} when the key was looked for in the certfile,
 *               as Erlang reports it)
 * @param file   the file
 * @param error  why it could not be read, e.g. {@code enoent}, {@code eacces}, {@code eisdir}
 */
public record OptionFileError(String option, Path file, Reason error) {
    public OptionFileError {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(error, "error");
    }

    /** {@code {certfile,"/etc/x.pem",{error,enoent}}}. */
    @Override
    public String toString() {
        String name = file.toString().replace("\\", "\\\\").replace("\"", "\\\"");
        return "{" + option + ",\"" + name + "\",{error," + error + "}}";
    }
}
