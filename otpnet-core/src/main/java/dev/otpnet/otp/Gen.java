package dev.otpnet.otp;

import dev.otpnet.process.Body;
import dev.otpnet.process.Down;
import dev.otpnet.process.Exit;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.ProcessExit;
import dev.otpnet.process.Ref;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The protocol every behaviour speaks, as Erlang's {@code gen} and {@code proc_lib} modules: a
 * synchronous start, {@code call} with a monitor and a timeout, {@code cast}, and {@code stop}.
 * The messages are package-private records, so a server's {@code handleInfo} never sees them.
 */
final class Gen {

    private Gen() {}

    /** {@code {'$gen_call', From, Request}}. */
    record CallMessage(From from, Object request) {}

    /** {@code {'$gen_cast', Request}}. */
    record CastMessage(Object request) {}

    /** The reply to a call, tagged as the request was. */
    record CallReply(Ref tag, Object reply) {}

    /** {@code sys:terminate(Pid, Reason)}: terminate with {@code reason}. */
    record StopMessage(Object reason) {}

    /** {@code proc_lib:init_ack}: the outcome of a start. */
    record Ack(Ref tag, Pid pid, Object error) {}

    /** What a starting process tells the process waiting in {@link #start}. */
    static final class Starter {
        private final Pid waiting;
        private final Ref tag;
        private final boolean linked;
        private boolean acked;

        private Starter(Pid waiting, Ref tag, boolean linked) {
            this.waiting = waiting;
            this.tag = tag;
            this.linked = linked;
        }

        /**
         * The parent: the process a linked start is linked to (a supervisor), whose exit signal
         * makes a trapping server terminate; the process itself after an unlinked start.
         */
        Pid parent() {
            return linked ? waiting : Proc.self();
        }

        void ok() {
            ack(null);
        }

        void fail(Object reason) {
            ack(reason);
        }

        private void ack(Object error) {
            if (!acked) {
                acked = true;
                waiting.send(new Ack(tag, Proc.self(), error));
            }
        }
    }

    /** The body of a starting process; it must ack through the starter. */
    @FunctionalInterface
    interface Starting {
        void run(Starter starter) throws Exception;
    }

    /**
     * Spawns {@code starting}, linked to the caller if {@code link}, registered as {@code name} if
     * not null, and waits until it acks or dies. An ack with an error, or a death before any ack,
     * is thrown as an {@link OtpException} with that reason.
     */
    static Pid start(Starting starting, boolean link, Name name) throws OtpException {
        Starter starter = new Starter(Proc.self(), Proc.makeRef(), link);
        Body body = () -> {
            if (name == null || register(name, starter)) {
                starting.run(starter);
            }
        };
        Pid child = link ? Proc.spawnLink(body) : Proc.spawn(body);
        Ref monitor = Proc.monitor(child);
        Object answer = Proc.receive(m -> m instanceof Ack a && a.tag().equals(starter.tag)
                || m instanceof Down d && d.ref().equals(monitor));
        switch (answer) {
            case Ack ack when ack.error() == null -> {
                Proc.demonitor(monitor, true);
                return child;
            }
            case Ack ack -> {
                Proc.receive(Down.class, d -> d.ref().equals(monitor));
                flushExit(child);
                throw new OtpException(ack.error());
            }
            case Down down -> {
                flushExit(child);
                throw new OtpException(down.reason());
            }
            default -> throw new IllegalStateException("unreachable: " + answer);
        }
    }

    private static boolean register(Name name, Starter starter) {
        try {
            Proc.register(name.name(), Proc.self());
            return true;
        } catch (IllegalArgumentException taken) {
            Optional<Pid> holder = Proc.whereis(name.name());
            starter.fail(holder.<Object>map(AlreadyStarted::new).orElse(ExitReason.NOPROC));
            return false;
        }
    }

    /** A linked child that failed to start also sent an exit signal; a trapping starter drops it. */
    private static void flushExit(Pid child) {
        Proc.receive(Exit.class, e -> e.from().equals(child), 0);
    }

    /** The pid of a server named by pid or registered name; empty if the name is not registered. */
    static Optional<Pid> resolve(Object server) {
        return switch (server) {
            case Pid pid -> Optional.of(pid);
            case String name -> Proc.whereis(name);
            default -> throw new IllegalArgumentException(
                    "A server is named by its Pid or its registered name, not by " + server + ".");
        };
    }

    /**
     * {@code gen:call}: sends {@code request}, waits at most {@code timeoutMs} for the reply.
     *
     * @throws ProcessExit with a {@link CallFailure} if the server is not running, dies first, or
     *     does not reply in time
     */
    static Object call(Object server, Object request, long timeoutMs, String module) {
        if (timeoutMs < 0 && timeoutMs != Proc.INFINITY) {
            throw new IllegalArgumentException("A call timeout must be 0 or more milliseconds, or INFINITY, not " + timeoutMs + ".");
        }
        List<Object> args = new ArrayList<>(List.of(server, request, timeoutMs == Proc.INFINITY ? "infinity" : timeoutMs));
        Pid pid = resolve(server).orElseThrow(() -> failure(ExitReason.NOPROC, module, args));
        if (pid.equals(Proc.self())) {
            throw failure(Atom.CALLING_SELF, module, args);
        }
        Ref ref = Proc.monitor(pid);
        From from = new From(Proc.self(), ref);
        pid.send(new CallMessage(from, request));
        Optional<Object> answer = Proc.receive(m -> m instanceof CallReply r && r.tag().equals(ref)
                || m instanceof Down d && d.ref().equals(ref), timeoutMs);
        if (answer.isEmpty()) {
            from.close();
            Proc.demonitor(ref, true);
            Optional<CallReply> raced = Proc.receive(CallReply.class, r -> r.tag().equals(ref), 0);
            if (raced.isPresent()) {
                return raced.get().reply();
            }
            throw failure(Atom.TIMEOUT, module, args);
        }
        return switch (answer.get()) {
            case CallReply reply -> {
                Proc.demonitor(ref, true);
                yield reply.reply();
            }
            case Down down -> {
                from.close();
                throw failure(down.reason(), module, args);
            }
            default -> throw new IllegalStateException("unreachable");
        };
    }

    private static ProcessExit failure(Object reason, String module, List<Object> args) {
        return new ProcessExit(new CallFailure(reason, module, "call", args));
    }

    /** {@code gen:cast}: never fails; a cast to a name nobody has is dropped. */
    static void cast(Object server, Object request) {
        resolve(server).ifPresent(pid -> pid.send(new CastMessage(request)));
    }

    /**
     * {@code proc_lib:stop}: asks the server to terminate with {@code reason} and waits until it has.
     *
     * @throws ProcessExit with {@code noproc} if it is not running, {@code timeout} if it does not
     *     end in time, or the reason it ended with if that is not {@code reason}
     */
    static void stop(Object server, Object reason, long timeoutMs) {
        Pid pid = resolve(server).orElseThrow(() -> new ProcessExit(ExitReason.NOPROC));
        Ref ref = Proc.monitor(pid);
        pid.send(new StopMessage(reason));
        Optional<Down> down = Proc.receive(Down.class, d -> d.ref().equals(ref), timeoutMs);
        if (down.isEmpty()) {
            Proc.demonitor(ref, true);
            throw new ProcessExit(Atom.TIMEOUT);
        }
        Object ended = down.get().reason();
        if (!ended.equals(reason)) {
            throw new ProcessExit(ended);
        }
    }
}
