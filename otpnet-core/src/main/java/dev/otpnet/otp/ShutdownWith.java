package dev.otpnet.otp;

/**
 * The exit reason {@code {shutdown, Info}}: an orderly stop that says why.
 *
 * <p>Like {@link dev.otpnet.process.ExitReason#SHUTDOWN}, it is not logged as an error by a
 * {@link GenServer} or a {@code GenStatem}, and a {@link Restart#TRANSIENT transient} child that
 * exits with it is not restarted. A supervisor whose children fail to start exits with
 * {@code {shutdown, {failed_to_start_child, Id, Reason}}}.
 *
 * @param info any term
 */
public record ShutdownWith(Object info) {

    @Override
    public String toString() {
        return "{shutdown," + info + "}";
    }
}
