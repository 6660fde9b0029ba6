package dev.otpnet.internal.process;

import static dev.otpnet.process.ExitReason.NOPROC;

import dev.otpnet.process.Down;
import dev.otpnet.process.Ref;

/**
 * Monitors: Erlang's {@code monitor(process, Pid)} and {@code demonitor/2}. A monitor is one-way
 * and named by its {@link Ref}; the watcher keeps {@code ref -> target}, the target keeps
 * {@code ref -> watcher}. The {@link Down} is delivered under the watcher's lock only if the
 * watcher still holds the ref, so once {@link #demonitor} returns no Down for it can arrive.
 */
public final class Monitors {

    private Monitors() {}

    /** {@code self} starts watching {@code target} under {@code ref}; a dead target gives {@code Down(noproc)} now. */
    public static void monitor(ProcessCore self, ProcessCore target, Ref ref) {
        ProcessCore first = self.id <= target.id ? self : target;
        ProcessCore second = first == self ? target : self;
        synchronized (first.lock) {
            synchronized (second.lock) {
                Current.checkAlive(self);
                if (target.isAlive()) {
                    target.watchersForUpdate().put(ref, self);
                    self.watchingForUpdate().put(ref, target);
                    return;
                }
            }
        }
        self.deliver(new Down(ref, target.pid(), NOPROC));
    }

    /**
     * Stops the monitor {@code ref} of {@code self}; with {@code flush}, also removes its
     * {@link Down} if already queued. Returns whether the monitor was still active.
     */
    public static boolean demonitor(ProcessCore self, Ref ref, boolean flush) {
        ProcessCore target;
        synchronized (self.lock) {
            target = self.watching == null ? null : self.watching.remove(ref);
        }
        if (target != null) {
            synchronized (target.lock) {
                if (target.watchers != null) {
                    target.watchers.remove(ref);
                }
            }
        }
        if (flush) {
            Mailbox mailbox = self.mailbox();
            if (mailbox != null) {
                mailbox.takeAll(m -> m instanceof Down down && down.ref().equals(ref), dropped -> {});
            }
        }
        return target != null;
    }
}
