package dev.otpnet.socket;

import dev.otpnet.process.Ref;

/**
 * The socket is ready for the {@code nowait} call that returned {@code handle}: Erlang's
 * {@code {'$socket', Socket, select, Handle}}. Sent once, to the process that made the call;
 * repeat the call to get its result.
 */
public record Select(Socket socket, Ref handle) {
    @Override
    public String toString() {
        return "{'$socket'," + socket + ",select," + handle + "}";
    }
}
