package dev.otpnet.otp;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The reason a {@code call} exits its caller with: Erlang's
 * {@code {Reason, {gen_server, call, [Server, Request, Timeout]}}}.
 *
 * <p>{@link #reason()} is {@link Atom#TIMEOUT} when no reply came in time,
 * {@link dev.otpnet.process.ExitReason#NOPROC} when the server was not running, or the server's own
 * exit reason when it died before replying. The caller gets it as a
 * {@link dev.otpnet.process.ProcessExit}: uncaught, it ends the calling process with this reason,
 * so a caller linked to the server dies with it; caught, the caller goes on.
 *
 * @param reason why the call failed
 * @param module {@code gen_server} or {@code gen_statem}
 * @param function {@code call}
 * @param args the call's arguments: the server, the request and the timeout
 */
public record CallFailure(Object reason, String module, String function, List<Object> args) {

    public CallFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(function, "function");
        args = List.copyOf(args);
    }

    @Override
    public String toString() {
        return "{" + reason + ",{" + module + "," + function + ","
                + args.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")) + "}}";
    }
}
