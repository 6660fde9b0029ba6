package dev.otpnet.otp;

/**
 * What {@link Supervisor#countChildren} returns: Erlang's
 * {@code [{specs, N}, {active, N}, {supervisors, N}, {workers, N}]}.
 *
 * @param specs child specs, running or not (under {@code simple_one_for_one}: the children)
 * @param active children running now
 * @param supervisors children of type supervisor, running or not
 * @param workers children of type worker, running or not
 */
public record ChildCount(int specs, int active, int supervisors, int workers) {

    @Override
    public String toString() {
        return "[{specs," + specs + "},{active," + active + "},{supervisors," + supervisors + "},{workers," + workers + "}]";
    }
}
