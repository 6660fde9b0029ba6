package dev.otpnet.socket;

import dev.otpnet.inet.Bytes;

/**
 * The result of a {@code nowait} call: done at once ({@link Ok}), or waiting for the socket
 * ({@link Selected}, Erlang's {@code {select, SelectInfo}}).
 *
 * <pre>{@code
 * switch (Sockets.recvNowait(s, 0)) {
 *     case Nowait.Ok(Bytes data) -> handle(data);
 *     case Nowait.Selected(SelectInfo info, Bytes partial) -> {
 *         Proc.receive(Select.class, m -> m.handle().equals(info.handle()));   // ready: call again
 *     }
 * }
 * }</pre>
 *
 * @param <T> the call's result
 */
public sealed interface Nowait<T> {

    /** The call finished: Erlang's {@code ok} or {@code {ok, Value}}. */
    record Ok<T>(T value) implements Nowait<T> {
    }

    /**
     * The call waits for the socket: a {@link Select} with {@code info.handle()} will come.
     * {@code bytes} is what the call already did: for {@code recv} with a length, the bytes read so
     * far (Erlang's {@code {select, {SelectInfo, Data}}}); for {@code send}, the bytes not yet sent
     * (Erlang's {@code {select, {SelectInfo, RestData}}}); otherwise empty.
     */
    record Selected<T>(SelectInfo info, Bytes bytes) implements Nowait<T> {
    }
}
