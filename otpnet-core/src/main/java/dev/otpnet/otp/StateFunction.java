package dev.otpnet.otp;

/**
 * The events of one state, in a {@link GenStatem} written with state functions: Erlang's
 * {@code StateName(EventType, EventContent, Data)} in {@code state_functions} callback mode.
 *
 * @param <St> the state
 * @param <D> the data
 */
@FunctionalInterface
public interface StateFunction<St, D> {

    Transition<St, D> handle(EventType type, Object content, D data) throws Exception;
}
