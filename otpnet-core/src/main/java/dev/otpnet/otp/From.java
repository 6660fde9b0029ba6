package dev.otpnet.otp;

import dev.otpnet.process.Pid;
import dev.otpnet.process.Ref;
import java.util.Objects;

/**
 * Who is waiting for the reply to a call: Erlang's {@code From}, {@code {Pid, Tag}}.
 *
 * <p>A {@code handleCall} that cannot answer at once returns {@code noreply}, keeps the
 * {@code From} and answers later with {@link GenServer#reply(From, Object)}, from any process.
 * Only the first reply counts. A caller that stopped waiting (its timeout passed, or it died) never
 * receives a late reply: as Erlang's process aliases do, the {@code From} closes when the caller
 * gives up, and a reply through a closed {@code From} is dropped.
 */
public final class From {

    private final Pid pid;
    private final Ref tag;
    private boolean open = true; // guarded by this

    From(Pid pid, Ref tag) {
        this.pid = Objects.requireNonNull(pid, "pid");
        this.tag = Objects.requireNonNull(tag, "tag");
    }

    /** The calling process. */
    public Pid pid() {
        return pid;
    }

    /** The tag that matches the reply to the request. */
    public Ref tag() {
        return tag;
    }

    /** Delivers {@code reply} if the caller still waits; returns whether it did. */
    synchronized boolean reply(Object reply) {
        if (!open) {
            return false;
        }
        open = false;
        pid.send(new Gen.CallReply(tag, reply));
        return true;
    }

    /** The caller gave up: no reply is delivered from now on. Any that was is already queued. */
    synchronized void close() {
        open = false;
    }

    @Override
    public String toString() {
        return "{" + pid + "," + tag + "}";
    }
}
