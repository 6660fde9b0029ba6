package dev.otpnet.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.process.Await;
import dev.otpnet.process.Crash;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.ProcessExit;
import dev.otpnet.process.Ref;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** gen_statem's contract beyond the Erlang twins: both callback modes, repeat_state, stop_and_reply, timers, failures. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GenStatemTest {

    enum Door { LOCKED, OPEN }

    record Seen(String what) {}

    /** The package Javadoc's code lock, written with state functions. */
    static final class CodeLock implements GenStatem<Door, String> {
        private final Pid observer;
        private final long openMs;

        CodeLock(Pid observer, long openMs) {
            this.observer = observer;
            this.openMs = openMs;
        }

        @Override
        public StatemInit<Door, String> init() {
            return StatemInit.ok(Door.LOCKED, "1234");
        }

        @Override
        public StateFunction<Door, String> stateFunction(Door state) {
            return switch (state) {
                case LOCKED -> this::locked;
                case OPEN -> this::open;
            };
        }

        Transition<Door, String> locked(EventType type, Object content, String code) {
            return switch (type) {
                case EventType.Call(From from) when content.equals(code) ->
                        GenStatem.nextState(Door.OPEN, code, Action.reply(from, "open"), Action.stateTimeout(openMs, "lock"));
                case EventType.Call(From from) -> GenStatem.keepStateAndData(Action.reply(from, "wrong"));
                default -> GenStatem.keepStateAndData();
            };
        }

        Transition<Door, String> open(EventType type, Object content, String code) {
            return switch (type) {
                case EventType.Simple.STATE_TIMEOUT -> {
                    observer.send(new Seen("locked again by " + content));
                    yield GenStatem.nextState(Door.LOCKED, code);
                }
                case EventType.Call c -> GenStatem.keepStateAndData(Action.postpone());
                default -> GenStatem.keepStateAndData();
            };
        }
    }

    private final List<Pid> machines = new ArrayList<>();

    @BeforeEach
    void trap() {
        Proc.trapExit(true);
        Proc.flush();
    }

    @AfterEach
    void cleanUp() {
        machines.forEach(m -> Proc.exit(m, ExitReason.KILL));
        Proc.trapExit(false);
        Proc.flush();
    }

    private Pid start(GenStatem<?, ?> machine) throws OtpException {
        Pid pid = GenStatem.start(machine);
        machines.add(pid);
        return pid;
    }

    @Test
    void stateFunctionsHandleEachStatesEventsAndAPostponedCallIsAnsweredAfterTheStateChanges() throws Exception {
        Pid lock = start(new CodeLock(Proc.self(), 20));
        assertEquals("wrong", GenStatem.call(lock, "0000"));
        assertEquals("open", GenStatem.call(lock, "1234"));
        assertEquals("wrong", GenStatem.call(lock, "9999"), "postponed while open, answered once locked");
        assertEquals(new Seen("locked again by lock"), Await.message(Seen.class));
    }

    /** One handler for all states, counting enter calls; tells the observer what it sees. */
    record Counter(Pid observer) implements GenStatem<Integer, List<String>> {
        @Override
        public boolean stateEnter() {
            return true;
        }

        @Override
        public StatemInit<Integer, List<String>> init() {
            return StatemInit.ok(0, List.of());
        }

        @Override
        public Transition<Integer, List<String>> handleEvent(EventType type, Object content, Integer state, List<String> data) {
            List<String> seen = new ArrayList<>(data);
            seen.add(state + ":" + type + ":" + content);
            return switch (type) {
                case EventType.Simple.ENTER -> GenStatem.keepState(seen);
                case EventType.Call(From from) when content.equals("log") -> GenStatem.keepState(seen, Action.reply(from, seen));
                case EventType.Call(From from) when content.equals("quit") ->
                        GenStatem.stopAndReply("quitting", seen, Action.reply(from, "bye"));
                case EventType.Simple.CAST -> switch ((String) content) {
                    case "repeat" -> GenStatem.repeatState(seen);
                    case "next" -> GenStatem.nextState(state + 1, seen);
                    case "same" -> GenStatem.nextState(state, seen);
                    case "timer" -> GenStatem.keepState(seen, Action.genericTimeout("t", 10_000, "late"),
                            Action.cancelGenericTimeout("t"), Action.genericTimeout("u", 0, "now"), Action.HIBERNATE);
                    default -> GenStatem.keepState(seen);
                };
                default -> GenStatem.keepState(seen);
            };
        }

        @Override
        public void terminate(Object reason, Integer state, List<String> data) {
            observer.send(new Seen("terminate " + reason + " in " + state));
        }
    }

    @Test
    void enterCallsFollowStateChangesAndRepeatStateButNotKeepState() throws Exception {
        Pid m = start(new Counter(Proc.self()));
        GenStatem.cast(m, "same");
        GenStatem.cast(m, "next");
        GenStatem.cast(m, "repeat");
        GenStatem.cast(m, "timer");
        List<String> log = GenStatem.call(m, "log");
        assertEquals(List.of("0:enter:0", "0:cast:same", "0:cast:next", "1:enter:0", "1:cast:repeat", "1:enter:1", "1:cast:timer",
                "1:{timeout,u}:now"), log.subList(0, log.size() - 1), "a cancelled generic timeout never fires; a zero one fires at once");
        assertTrue(log.getLast().startsWith("1:{call,{" + Proc.self() + ","), log.getLast());
    }

    @Test
    void stopAndReplyAnswersThenTerminates() throws Exception {
        Pid m = start(new Counter(Proc.self()));
        Ref ref = Proc.monitor(m);
        assertEquals("bye", GenStatem.call(m, "quit"));
        assertEquals(new Seen("terminate quitting in 0"), Await.message(Seen.class));
        assertEquals("quitting", Await.down(ref).reason());
    }

    @Test
    void aCallThatTimesOutExitsTheCallerWithGenStatemsShape() throws Exception {
        GenStatem<String, String> silent = new GenStatem<>() {
            @Override
            public StatemInit<String, String> init() {
                return StatemInit.ok("s", "d");
            }

            @Override
            public Transition<String, String> handleEvent(EventType type, Object content, String state, String data) {
                return GenStatem.keepStateAndData();
            }
        };
        Pid m = start(silent);
        ProcessExit exit = assertThrows(ProcessExit.class, () -> GenStatem.call(m, "hello", 10));
        CallFailure failure = assertInstanceOf(CallFailure.class, exit.reason());
        assertEquals(Atom.TIMEOUT, failure.reason());
        assertEquals("gen_statem", failure.module());
        assertEquals(List.of(), Proc.flush());
    }

    @Test
    void anEnterCallThatChangesTheStateOrPostponesCrashesTheMachine() throws Exception {
        GenStatem<String, String> bad = new GenStatem<>() {
            @Override
            public boolean stateEnter() {
                return true;
            }

            @Override
            public StatemInit<String, String> init() {
                return StatemInit.ok("a", "d");
            }

            @Override
            public Transition<String, String> handleEvent(EventType type, Object content, String state, String data) {
                if (type == EventType.ENTER && state.equals("b")) {
                    return GenStatem.nextState("c", data);
                }
                if (type == EventType.ENTER) {
                    return GenStatem.keepStateAndData();
                }
                return GenStatem.nextState("b", data);
            }
        };
        Pid m = start(bad);
        Ref ref = Proc.monitor(m);
        GenStatem.cast(m, "go");
        Crash crash = assertInstanceOf(Crash.class, Await.down(ref).reason());
        assertTrue(crash.exception().getMessage().contains("may not change the state"), crash.toString());
    }

    @Test
    void initCanIgnoreOrStopOrSetTimeoutsAndInsertEvents() throws Exception {
        assertTrue(assertThrows(OtpException.class, () -> GenStatem.start(() -> StatemInit.ignore())).ignored());
        assertEquals("no", assertThrows(OtpException.class, () -> GenStatem.start(() -> StatemInit.stop("no"))).reason());
        Pid self = Proc.self();
        GenStatem<String, String> starts = new GenStatem<>() {
            @Override
            public StatemInit<String, String> init() {
                return StatemInit.ok("s", "d", Action.nextEvent(EventType.INTERNAL, "first"), Action.eventTimeout(0, "idle"));
            }

            @Override
            public Transition<String, String> handleEvent(EventType type, Object content, String state, String data) {
                if (type instanceof EventType.Call(From from)) {
                    return GenStatem.keepStateAndData(Action.reply(from, "synced"));
                }
                self.send(new Seen(type + " " + content));
                return GenStatem.keepStateAndData();
            }
        };
        Pid m = start(starts);
        assertEquals("synced", GenStatem.call(m, "sync"));
        assertEquals(List.of(new Seen("internal first")), Proc.flush(),
                "the inserted event came first and cancelled the zero event timeout, whose message was already queued");
        assertThrows(IllegalArgumentException.class, () -> StatemInit.ok("s", "d", Action.postpone()));
    }

    @Test
    void anEventTimeoutFiresWhenNothingHappens() throws Exception {
        Pid self = Proc.self();
        GenStatem<String, Integer> idle = new GenStatem<>() {
            @Override
            public StatemInit<String, Integer> init() {
                return StatemInit.ok("s", 0, Action.eventTimeout(5, "idle"));
            }

            @Override
            public Transition<String, Integer> handleEvent(EventType type, Object content, String state, Integer n) {
                self.send(new Seen(type + " " + content + " " + n));
                return n < 2 ? GenStatem.keepState(n + 1, Action.eventTimeout(5, "idle")) : GenStatem.keepStateAndData();
            }
        };
        start(idle);
        for (int i = 0; i <= 2; i++) {
            assertEquals(new Seen("timeout idle " + i), Await.message(Seen.class));
        }
    }

    @Test
    void aNamedMachineIsReachedByName() throws Exception {
        String name = "lock_" + Proc.makeRef().hashCode();
        Pid lock = GenStatem.start(Name.local(name), new CodeLock(Proc.self(), 60_000));
        machines.add(lock);
        assertEquals("open", GenStatem.call(name, "1234", 5_000));
        assertEquals(Optional.of(lock), Proc.whereis(name));
        assertEquals(new AlreadyStarted(lock),
                assertThrows(OtpException.class, () -> GenStatem.start(Name.local(name), new CodeLock(Proc.self(), 1))).reason());
        GenStatem.stop(lock);
        assertFalse(Proc.isAlive(lock));
    }

    @Test
    void callerMistakesAreRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> Action.stateTimeout(-3, "x"));
        assertThrows(IllegalArgumentException.class, () -> Action.nextEvent(EventType.ENTER, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Action.Timeout(EventType.CAST, 1, "x"));
    }
}
