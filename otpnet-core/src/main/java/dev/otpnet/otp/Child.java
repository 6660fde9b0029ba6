package dev.otpnet.otp;

import dev.otpnet.process.Pid;
import java.util.List;
import java.util.Optional;

/**
 * One child as the supervisor tracks it: its spec, its pid while it runs, the extra start
 * arguments of a {@code simple_one_for_one} child, and whether a failed restart is being retried.
 * Mutable; only the supervisor's process touches it.
 */
final class Child {

    final ChildSpec spec;
    final List<Object> extra;
    Pid pid;
    boolean restarting;

    Child(ChildSpec spec, List<Object> extra) {
        this.spec = spec;
        this.extra = List.copyOf(extra);
    }

    Object id() {
        return spec.id();
    }

    boolean running() {
        return pid != null;
    }

    ChildInfo info(boolean dynamic) {
        return new ChildInfo(dynamic ? Atom.UNDEFINED : spec.id(), Optional.ofNullable(pid), restarting, spec.type());
    }

    @Override
    public String toString() {
        return "{" + spec.id() + "," + (pid == null ? "undefined" : pid) + "}";
    }
}
