package dev.otpnet.otp;

/**
 * Why a supervisor did not start: one of its children did not. Erlang's
 * {@code {failed_to_start_child, Id, Reason}}, wrapped in {@link ShutdownWith}: the supervisor's
 * start throws {@link OtpException} with {@code {shutdown, {failed_to_start_child, Id, Reason}}}
 * after stopping, in reverse order, the children it had started.
 *
 * @param id the child's id
 * @param reason why its start failed
 */
public record FailedToStartChild(Object id, Object reason) {

    @Override
    public String toString() {
        return "{failed_to_start_child," + id + "," + reason + "}";
    }
}
