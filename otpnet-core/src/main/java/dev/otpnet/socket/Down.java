package dev.otpnet.socket;

import dev.otpnet.process.Ref;

/**
 * A socket monitor fired: Erlang's {@code {'DOWN', Ref, socket, Socket, Info}}. Sent once to the
 * process that called {@link Sockets#monitor} when the socket closes (by {@code close}, or because
 * its owner exited), or at once if it was already closed. {@code info} is {@code closed}.
 */
public record Down(Ref ref, Socket socket, Object info) {
    @Override
    public String toString() {
        return "{'DOWN'," + ref + ",socket," + socket + "," + info + "}";
    }
}
