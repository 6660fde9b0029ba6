package dev.otpnet.socket;

import dev.otpnet.inet.Reason;
import dev.otpnet.process.Ref;

/**
 * A pending {@code nowait} call will never be ready, because the socket closed: Erlang's
 * {@code {'$socket', Socket, abort, {Handle, Reason}}}. Sent instead of {@link Select}.
 */
public record Abort(Socket socket, Ref handle, Reason reason) {
    @Override
    public String toString() {
        return "{'$socket'," + socket + ",abort,{" + handle + "," + reason + "}}";
    }
}
