package dev.otpnet.socket;

import dev.otpnet.process.Ref;
import java.util.Objects;

/**
 * What a {@code nowait} call returns when it cannot finish at once: Erlang's
 * {@code {select_info, Tag, Handle}}. When the socket becomes ready the caller receives
 * {@link Select}{@code (socket, handle)} and repeats the call; {@link Sockets#cancel} withdraws it.
 *
 * @param tag the call that waits: {@code accept}, {@code connect}, {@code recv}, {@code recvfrom},
 *            {@code send}, {@code sendto}
 * @param handle the reference the {@link Select} message will carry
 */
public record SelectInfo(String tag, Ref handle) {
    public SelectInfo {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(handle, "handle");
    }

    @Override
    public String toString() {
        return "{select_info," + tag + "," + handle + "}";
    }
}
