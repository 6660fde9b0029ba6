package dev.otpnet.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.otpnet.process.Await;
import dev.otpnet.process.Down;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.Ref;
import dev.otpnet.testing.ErlangPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where the order of events is the behaviour (supervisor restarts and shutdowns, gen_statem
 * postpone, inserted events and timeouts), the same program runs on Erlang/OTP
 * ({@code erlang/otp_twins.escript}) and here, and the two traces must be equal line by line.
 */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OtpTwinsTest {

    record Trace(String text) {}

    private final String prefix = "twin" + Proc.makeRef().hashCode() + "_";
    private final List<String> trace = new ArrayList<>();

    @BeforeEach
    void trap() {
        Proc.trapExit(true);
        Proc.flush();
    }

    @AfterEach
    void untrap() {
        Proc.trapExit(false);
        Proc.flush();
    }

    private static void trace(Pid to, String text) {
        to.send(new Trace(text));
    }

    /** What Erlang/OTP printed for {@code scenario}. */
    private static List<String> erlang(String scenario) {
        List<String> events = new ArrayList<>();
        try (ErlangPeer erl = ErlangPeer.start("otp_twins.escript", scenario)) {
            for (String line = erl.expect(""); !line.equals("ok"); line = erl.expect("")) {
                if (line.startsWith("event ")) {
                    events.add(line.substring("event ".length()));
                }
            }
        }
        return events;
    }

    /** Collects traces until {@code text} is seen. */
    private void until(String text) {
        while (true) {
            String t = Proc.receive(Trace.class, Await.MUST_ARRIVE_MS).orElseThrow(() -> new AssertionError("no " + text + " after " + trace)).text();
            trace.add(t);
            if (t.equals(text)) {
                return;
            }
        }
    }

    /** Collects the traces already sent. */
    private List<String> drained() {
        for (Optional<Trace> t = Proc.receive(Trace.class, 0); t.isPresent(); t = Proc.receive(Trace.class, 0)) {
            trace.add(t.get().text());
        }
        return trace;
    }

    // ---- gen_statem ---------------------------------------------------------------------------

    /** The escript's gen_statem, clause for clause. */
    record Machine(Pid observer, String scenario) implements GenStatem<String, String> {
        @Override
        public boolean stateEnter() {
            return true;
        }

        @Override
        public StatemInit<String, String> init() {
            return switch (scenario) {
                case "postpone", "insert" -> StatemInit.ok("locked", scenario);
                case "zero" -> {
                    Proc.self().send("m1");
                    yield StatemInit.ok("s1", scenario, Action.stateTimeout(0, "st"), Action.genericTimeout("g", 0, "gt"),
                            Action.eventTimeout(0, "et"), Action.nextEvent(EventType.INTERNAL, "i1"));
                }
                case "timeouts" -> {
                    Proc.self().send("x");
                    yield StatemInit.ok("a", scenario, Action.stateTimeout(30, "st_a"), Action.genericTimeout("g", 60, "g1"));
                }
                default -> throw new IllegalArgumentException(scenario);
            };
        }

        @Override
        public Transition<String, String> handleEvent(EventType type, Object content, String state, String data) {
            String key = state + " " + type + " " + content;
            if (type == EventType.ENTER) {
                trace(observer, state + " enter from " + content);
                return state.equals("c")
                        ? GenStatem.keepStateAndData(Action.eventTimeout(50, "et_c"), Action.genericTimeout("h", 10, "h1"))
                        : GenStatem.keepStateAndData();
            }
            if (type instanceof EventType.Call(From from)) {
                trace(observer, state + " call " + content);
                return GenStatem.keepStateAndData(Action.reply(from, List.of(state, content)));
            }
            return switch (key) {
                case "locked cast unlock" -> {
                    trace(observer, "locked unlock");
                    yield GenStatem.nextState("open", data);
                }
                case "locked cast go" -> {
                    trace(observer, "locked go");
                    yield GenStatem.nextState("open", data, Action.nextEvent(EventType.INTERNAL, "i1"), Action.nextEvent(EventType.INTERNAL, "i2"));
                }
                case "open cast lock" -> {
                    trace(observer, "open lock");
                    yield GenStatem.nextState("locked", data);
                }
                case "a state_timeout st_a" -> {
                    trace(observer, "a state_timeout st_a");
                    yield GenStatem.nextState("b", data, Action.stateTimeout(10_000, "st_b"));
                }
                case "b {timeout,g} g1" -> {
                    trace(observer, key);
                    yield GenStatem.nextState("c", data);
                }
                case "c {timeout,h} h1" -> {
                    trace(observer, key);
                    yield GenStatem.keepStateAndData(Action.eventTimeout(20, "et_c2"));
                }
                case "c timeout et_c2" -> {
                    trace(observer, key);
                    yield GenStatem.stop(ExitReason.NORMAL);
                }
                default -> {
                    if (state.equals("locked") && type == EventType.CAST) {
                        trace(observer, "locked postpone " + content);
                        yield GenStatem.keepStateAndData(Action.postpone());
                    }
                    trace(observer, key);
                    yield GenStatem.keepStateAndData();
                }
            };
        }

        @Override
        public void terminate(Object reason, String state, String data) {
            trace(observer, state + " terminate " + reason);
        }
    }

    private List<String> statem(String scenario, List<String> casts, String syncState) throws Exception {
        Pid m = GenStatem.startLink(new Machine(Proc.self(), scenario));
        casts.forEach(c -> GenStatem.cast(m, c));
        assertEquals(List.of(syncState, "sync"), GenStatem.call(m, "sync"));
        GenStatem.stop(m);
        return drained();
    }

    @Test
    void postponedEventsAreRetriedAfterEachStateChangeAsInErlang() throws Exception {
        assertEquals(erlang("postpone"), statem("postpone", List.of("a", "b", "unlock", "c", "lock", "d", "unlock"), "open"));
    }

    @Test
    void insertedEventsGoBeforeRetriedPostponedOnesAsInErlang() throws Exception {
        assertEquals(erlang("insert"), statem("insert", List.of("p1", "go", "later"), "open"));
    }

    @Test
    void zeroTimeoutsComeAfterInsertedEventsAndBeforeMessagesAndAnyEventCancelsTheEventTimeoutAsInErlang() throws Exception {
        assertEquals(erlang("zero"), statem("zero", List.of(), "s1"));
    }

    @Test
    void stateEventAndGenericTimeoutsFireAndCancelAsInErlang() throws Exception {
        Pid m = GenStatem.startLink(new Machine(Proc.self(), "timeouts"));
        Ref ref = Proc.monitor(m);
        Down down = Await.down(ref);
        drained().add("down " + down.reason());
        assertEquals(erlang("timeouts"), trace);
    }

    // ---- supervisor ---------------------------------------------------------------------------

    /** The escript's gen_server child: registered, trapping, tracing its start and terminate. */
    record Twin(Pid observer, String prefix, String id) implements GenServer<Object, String> {
        @Override
        public Init<String> init() {
            Proc.trapExit(true);
            Proc.register(prefix + id, Proc.self());
            trace(observer, "start " + id);
            return Init.ok(id);
        }

        @Override
        public Result<String> handleCast(Object request, String state) {
            return GenServer.stop("crash", state);
        }

        @Override
        public void terminate(Object reason, String state) {
            trace(observer, "stop " + state + " " + reason);
        }
    }

    private Pid supervisor(Strategy strategy, String... ids) throws OtpException {
        Pid self = Proc.self();
        List<ChildSpec> specs = new ArrayList<>();
        for (String id : ids) {
            specs.add(ChildSpec.worker(id, id.equals("bad")
                    ? extra -> {
                        throw new OtpException("nope");
                    }
                    : extra -> GenServer.startLink(new Twin(self, prefix, id))));
        }
        return Supervisor.startLink(SupFlags.of(strategy).withIntensity(1).withClock(new ManualClock()), specs);
    }

    @Test
    void restForOneRestartsThenGivesUpInTheOrderErlangDoes() throws Exception {
        Pid sup = supervisor(Strategy.REST_FOR_ONE, "a", "b", "c", "d");
        Ref ref = Proc.monitor(sup);
        until("start d");
        GenServer.cast(prefix + "b", "crash");
        until("start d");
        GenServer.cast(prefix + "c", "crash");
        Down down = Await.down(ref);
        drained().add("supervisor down " + down.reason());
        Proc.receive(dev.otpnet.process.Exit.class, e -> e.from().equals(sup), Await.MUST_ARRIVE_MS).orElseThrow();
        assertEquals(erlang("rest_for_one"), trace);
    }

    @Test
    void oneForAllRestartsAndStopsOnTheParentsExitInTheOrderErlangDoes() throws Exception {
        Pid sup = supervisor(Strategy.ONE_FOR_ALL, "a", "b", "c");
        Ref ref = Proc.monitor(sup);
        until("start c");
        GenServer.cast(prefix + "b", "crash");
        until("start c");
        Proc.exit(sup, ExitReason.SHUTDOWN);
        Down down = Await.down(ref);
        drained().add("supervisor down " + down.reason());
        assertEquals(erlang("one_for_all"), trace);
    }

    @Test
    void aChildThatFailsToStartStopsTheOthersInTheOrderAndWithTheReasonErlangGives() throws Exception {
        OtpException failed = org.junit.jupiter.api.Assertions.assertThrows(OtpException.class,
                () -> supervisor(Strategy.ONE_FOR_ONE, "a", "b", "bad", "c"));
        drained().add("supervisor failed " + failed.reason());
        assertEquals(erlang("start_failure"), trace);
    }
}
