package dev.otpnet.process;

/**
 * What a process runs: a function that may throw, as an Erlang function may crash.
 *
 * <p>A body can call socket functions that throw checked exceptions without wrapping them: let it
 * crash. An exception that escapes ends the process with a {@link Crash} carrying it, which links
 * and monitors see as the exit reason. Returning ends the process with {@code normal}.
 *
 * <pre>{@code
 * Proc.spawnLink(() -> {
 *     TcpSocket socket = GenTcp.connect("localhost", 5678, List.of());  // throws InetException
 *     GenTcp.send(socket, "hello");
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Body {

    /** Runs the process. */
    void run() throws Exception;
}
