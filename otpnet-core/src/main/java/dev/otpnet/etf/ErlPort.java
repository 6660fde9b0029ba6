package dev.otpnet.etf;

import java.util.Objects;

/**
 * An Erlang port identifier as it travels between nodes: the node's name, the port number (up to
 * 64 bits in {@code V4_PORT_EXT}, 32 in {@code NEW_PORT_EXT}, 28 in the old {@code PORT_EXT}) and
 * the node's creation.
 */
public record ErlPort(Atom node, long id, long creation) implements Term {
    public ErlPort {
        Objects.requireNonNull(node, "node");
        Words.requireU32("creation", creation);
    }

    @Override
    public String toString() {
        return "#Port<" + node + "." + Long.toUnsignedString(id) + ">";
    }
}
