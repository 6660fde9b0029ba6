package dev.otpnet.internal.process;

import static dev.otpnet.process.ExitReason.NOPROC;

import dev.otpnet.process.Exit;

/**
 * Links: Erlang's {@code link/1} and {@code unlink/1}. A link is two-way and at most one per
 * pair; both ends are updated under both processes' locks, taken in pid order, so a link is never
 * half made and never made to a process that already died.
 */
public final class Links {

    private Links() {}

    /**
     * Links the calling process {@code self} to {@code other}. If {@code other} is dead, a trapping
     * caller gets {@code Exit(other, noproc)} and any other caller raises {@code noproc}, as Erlang's
     * {@code link/1} does.
     */
    public static void link(ProcessCore self, ProcessCore other) {
        if (self == other) {
            return;
        }
        boolean otherDead;
        ProcessCore first = self.id < other.id ? self : other;
        ProcessCore second = first == self ? other : self;
        synchronized (first.lock) {
            synchronized (second.lock) {
                Current.checkAlive(self);
                otherDead = !other.isAlive();
                if (!otherDead) {
                    self.linksForUpdate().add(other);
                    other.linksForUpdate().add(self);
                }
            }
        }
        if (otherDead) {
            if (self.trapsExits()) {
                self.deliver(new Exit(other.pid(), NOPROC));
            } else {
                throw Signals.raise(self, NOPROC);
            }
        }
    }

    /** Removes the link between {@code self} and {@code other}, if any; no signal from it comes after. */
    public static void unlink(ProcessCore self, ProcessCore other) {
        ProcessCore first = self.id < other.id ? self : other;
        ProcessCore second = first == self ? other : self;
        synchronized (first.lock) {
            synchronized (second.lock) {
                if (self.links != null) {
                    self.links.remove(other);
                }
                if (other.links != null) {
                    other.links.remove(self);
                }
            }
        }
    }
}
