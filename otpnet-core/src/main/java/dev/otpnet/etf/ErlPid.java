package dev.otpnet.etf;

import java.util.Objects;

/**
 * An Erlang process identifier as it travels between nodes ({@code NEW_PID_EXT}): the node's
 * name, the process number and serial (32 bits each) and the node's creation (32 bits). The old
 * {@code PID_EXT} form (8-bit creation) decodes to this too. Otpnet's own processes are
 * {@code dev.otpnet.process.Pid}; this is the Erlang one, carried as data.
 */
public record ErlPid(Atom node, long id, long serial, long creation) implements Term {
    public ErlPid {
        Objects.requireNonNull(node, "node");
        Words.requireU32("id", id);
        Words.requireU32("serial", serial);
        Words.requireU32("creation", creation);
    }

    @Override
    public String toString() {
        return "<" + node + "." + id + "." + serial + ">";
    }
}
