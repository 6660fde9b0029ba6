package dev.otpnet.internal.conn;

import dev.otpnet.inet.Bytes;
import dev.otpnet.internal.wire.Wire;
import java.nio.channels.NetworkChannel;

/**
 * A socket's wire taken away from it, still open, with the bytes the socket had read but not yet
 * delivered: what an upgrade to TLS (or a downgrade back to TCP) builds the new socket on.
 *
 * @param kernel the channel whose kernel options the new socket exposes, or null
 */
public record Detached(Wire wire, NetworkChannel kernel, Bytes buffered, Settings settings) {
}
