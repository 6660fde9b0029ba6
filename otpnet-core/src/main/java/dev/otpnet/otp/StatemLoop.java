package dev.otpnet.otp;

import dev.otpnet.process.Crash;
import dev.otpnet.process.Exit;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.ProcessExit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The loop of one {@link GenStatem} process: takes the next event (an inserted one, a retried
 * postponed one, a due timeout, or a message), calls the handler, and applies the transition:
 * replies, postpone, inserted events, timers, the state enter call.
 */
final class StatemLoop<St, D> {

    private static final String KIND = "State machine";

    /** One event: Erlang's {@code {EventType, EventContent}}. */
    private record Event(EventType type, Object content) {
        @Override
        public String toString() {
            return "{" + type + "," + content + "}";
        }
    }

    private final GenStatem<St, D> machine;
    private final Gen.Starter starter;
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private final List<Event> postponed = new ArrayList<>();
    private final StatemTimers timers = new StatemTimers();
    /** Zero timeouts waiting in the queue, by identity: a cancel or a state change removes them. */
    private final java.util.Set<Event> zeroTimeouts = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private St state;
    private D data;
    private Object last = "none";

    private StatemLoop(GenStatem<St, D> machine, Gen.Starter starter) {
        this.machine = machine;
        this.starter = starter;
    }

    static <St, D> void run(GenStatem<St, D> machine, Gen.Starter starter) throws Exception {
        new StatemLoop<>(machine, starter).run();
    }

    private void run() throws Exception {
        StatemInit<St, D> init;
        try {
            init = Objects.requireNonNull(machine.init(), "init returned null");
        } catch (ProcessExit exit) {
            starter.fail(exit.reason());
            throw exit;
        } catch (Exception | Error e) {
            starter.fail(new Crash(e));
            throw e;
        }
        switch (init) {
            case StatemInit.Ok<St, D> ok -> {
                state = ok.state();
                data = ok.data();
                starter.ok();
                List<Event> inserted = actions(ok.actions(), null);
                insert(inserted);
                if (machine.stateEnter()) {
                    enter(state);
                }
                loop();
            }
            case StatemInit.Ignore<St, D> ignore -> starter.fail(Atom.IGNORE);
            case StatemInit.Stop<St, D> stop -> {
                starter.fail(stop.reason());
                Proc.exit(stop.reason());
            }
        }
    }

    private void loop() {
        while (true) {
            Event event = next();
            last = event;
            Transition<St, D> t = invoke(() -> machine.handleEvent(event.type(), event.content(), state, data));
            apply(t, event);
        }
    }

    /**
     * The next event: inserted, retried and zero-timeout ones first, then the next message. A
     * timer's message whose timer was cancelled meanwhile is dropped; any event cancels the event
     * timeout.
     */
    private Event next() {
        if (!queue.isEmpty()) {
            timers.cancel(EventType.TIMEOUT);
            Event event = queue.poll();
            zeroTimeouts.remove(event);
            return event;
        }
        Pid parent = starter.parent();
        while (true) {
            Object message = Proc.receive();
            if (message instanceof StatemTimers.Fired fired) {
                Object[] timeout = timers.fired(fired);
                if (timeout == null) {
                    continue;
                }
                if (timeout[0] != EventType.TIMEOUT) {
                    timers.cancel(EventType.TIMEOUT);
                }
                return new Event((EventType) timeout[0], timeout[1]);
            }
            timers.cancel(EventType.TIMEOUT);
            last = message;
            return switch (message) {
                case Gen.CallMessage call -> new Event(new EventType.Call(call.from()), call.request());
                case Gen.CastMessage cast -> new Event(EventType.CAST, cast.request());
                case Gen.StopMessage stop -> throw terminate(stop.reason());
                case Exit exit when exit.from().equals(parent) -> throw terminate(exit.reason());
                case Object other -> new Event(EventType.INFO, other);
            };
        }
    }

    private void apply(Transition<St, D> t, Event event) {
        St previous = state;
        switch (t) {
            case Transition.Stop<St, D> stop -> {
                if (!stop.keepData()) {
                    data = stop.data();
                }
                actions(stop.actions(), null);
                throw terminate(stop.reason());
            }
            case Transition.NextState<St, D> next -> {
                state = next.state();
                data = next.data();
            }
            case Transition.KeepState<St, D> keep -> data = keep.keepData() ? data : keep.data();
            case Transition.RepeatState<St, D> repeat -> data = repeat.keepData() ? data : repeat.data();
        }
        boolean changed = !state.equals(previous);
        if (changed) {
            timers.cancel(EventType.STATE_TIMEOUT);
            queue.removeIf(e -> e.type() == EventType.STATE_TIMEOUT && zeroTimeouts.remove(e));
        }
        List<Event> inserted = actions(t.actions(), event);
        if (changed) {
            for (int i = postponed.size() - 1; i >= 0; i--) {
                queue.addFirst(postponed.get(i));
            }
            postponed.clear();
        }
        insert(inserted);
        if (machine.stateEnter() && (changed || t instanceof Transition.RepeatState)) {
            enter(previous);
        }
    }

    /** Runs the state enter call; it may keep or repeat the state, reply, set timers, or stop. */
    private void enter(St previous) {
        St current = state;
        Transition<St, D> t = invoke(() -> machine.handleEvent(EventType.ENTER, previous, current, data));
        if (t instanceof Transition.NextState<St, D> next && !next.state().equals(current)) {
            throw terminate(new Crash(new IllegalStateException(
                    "A state enter call may not change the state (from " + current + " to " + next.state() + ").")));
        }
        if (t.actions().stream().anyMatch(a -> a instanceof Action.Postpone || a instanceof Action.NextEvent)) {
            throw terminate(new Crash(new IllegalStateException("A state enter call may not postpone or insert events: " + t.actions())));
        }
        switch (t) {
            case Transition.Stop<St, D> stop -> apply(stop, null);
            case Transition.NextState<St, D> same -> {
                data = same.data();
                actions(same.actions(), null);
            }
            case Transition.KeepState<St, D> keep -> {
                data = keep.keepData() ? data : keep.data();
                actions(keep.actions(), null);
            }
            case Transition.RepeatState<St, D> repeat -> {
                data = repeat.keepData() ? data : repeat.data();
                actions(repeat.actions(), null);
                enter(previous);
            }
        }
    }

    /** Runs the actions in order; returns the events to insert. {@code event} is null where postpone is not allowed. */
    private List<Event> actions(List<Action> actions, Event event) {
        List<Event> inserted = new ArrayList<>();
        for (Action action : actions) {
            switch (action) {
                case Action.Reply reply -> reply.from().reply(reply.reply());
                case Action.Postpone p -> {
                    if (event == null) {
                        throw terminate(new Crash(new IllegalStateException("There is no event to postpone here.")));
                    }
                    postponed.add(event);
                }
                case Action.NextEvent next -> inserted.add(new Event(next.type(), next.content()));
                case Action.Timeout timeout -> {
                    if (timeout.type() == EventType.STATE_TIMEOUT) {
                        queue.removeIf(e -> e.type() == EventType.STATE_TIMEOUT && zeroTimeouts.remove(e));
                    } else if (timeout.type() instanceof EventType.GenericTimeout) {
                        queue.removeIf(e -> e.type().equals(timeout.type()) && zeroTimeouts.remove(e));
                    }
                    Object zero = timers.set(timeout);
                    if (zero != null) {
                        Event e = new Event(timeout.type(), zero);
                        zeroTimeouts.add(e);
                        queue.addLast(e);
                    }
                }
                case Action.Hibernate h -> {}
            }
        }
        return inserted;
    }

    private void insert(List<Event> inserted) {
        for (int i = inserted.size() - 1; i >= 0; i--) {
            queue.addFirst(inserted.get(i));
        }
    }

    @FunctionalInterface
    private interface Handler<T> {
        T call() throws Exception;
    }

    private Transition<St, D> invoke(Handler<Transition<St, D>> handler) {
        try {
            return Objects.requireNonNull(handler.call(), "an event handler returned null");
        } catch (ProcessExit exit) {
            if (!Proc.isAlive(Proc.self())) {
                throw exit;
            }
            throw terminate(exit.reason());
        } catch (Exception | Error e) {
            throw terminate(new Crash(e));
        }
    }

    private ProcessExit terminate(Object reason) {
        timers.cancelAll();
        Object why = reason;
        try {
            machine.terminate(reason, state, data);
        } catch (ProcessExit exit) {
            why = exit.reason();
        } catch (Exception | Error e) {
            why = new Crash(e);
        }
        OtpLog.terminating(KIND, Proc.self(), last, "{" + state + "," + data + "}", why);
        return new ProcessExit(why);
    }
}
