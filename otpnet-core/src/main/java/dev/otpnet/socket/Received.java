package dev.otpnet.socket;

import dev.otpnet.inet.Bytes;

/** What {@code recvfrom} returns: Erlang's {@code {Source, Data}}. */
public record Received(SockAddr source, Bytes data) {
    @Override
    public String toString() {
        return "{" + source + "," + data + "}";
    }
}
