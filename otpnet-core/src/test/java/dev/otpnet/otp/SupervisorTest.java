package dev.otpnet.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.otp.Probe.ExitWith;
import dev.otpnet.otp.Probe.Started;
import dev.otpnet.otp.Probe.Terminated;
import dev.otpnet.process.Await;
import dev.otpnet.process.Crash;
import dev.otpnet.process.Down;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.ProcessExit;
import dev.otpnet.process.Ref;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Erlang's supervisor, rule by rule: strategies, restart types, shutdowns, intensity, the child functions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SupervisorTest {

    private final ManualClock clock = new ManualClock();
    private final List<Pid> supervisors = new ArrayList<>();

    @BeforeEach
    void trap() {
        Proc.trapExit(true);
        Proc.flush();
    }

    @AfterEach
    void stopSupervisors() {
        for (Pid sup : supervisors) {
            if (Proc.isAlive(sup)) {
                try {
                    Supervisor.stop(sup);
                } catch (ProcessExit alreadyGone) {
                    // it stopped by itself meanwhile
                }
            }
        }
        Proc.trapExit(false);
        Proc.flush();
    }

    private SupFlags flags(Strategy strategy) {
        return SupFlags.of(strategy).withIntensity(10).withClock(clock);
    }

    private Pid start(SupFlags flags, ChildSpec... children) throws OtpException {
        Pid sup = Supervisor.start(flags, List.of(children));
        supervisors.add(sup);
        return sup;
    }

    private static Pid started(Object id) {
        return Proc.receive(Started.class, s -> s.id().equals(id), Await.MUST_ARRIVE_MS)
                .orElseThrow(() -> new AssertionError("child " + id + " did not start")).pid();
    }

    private static Terminated terminated(Object id) {
        return Proc.receive(Terminated.class, t -> t.id().equals(id), Await.MUST_ARRIVE_MS)
                .orElseThrow(() -> new AssertionError("child " + id + " did not terminate"));
    }

    /** The next n start and terminate events, in the order they happened. */
    private static List<String> events(int n) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object e = Proc.receive(m -> m instanceof Started || m instanceof Terminated, Await.MUST_ARRIVE_MS)
                    .orElseThrow(() -> new AssertionError("only " + events + " happened"));
            events.add(switch (e) {
                case Started s -> "start " + s.id();
                case Terminated t -> "stop " + t.id();
                default -> throw new AssertionError(e);
            });
        }
        return events;
    }

    private static void assertNoMoreEvents() {
        Optional<Object> more = Proc.receive(m -> m instanceof Started || m instanceof Terminated, 0);
        assertTrue(more.isEmpty(), () -> "unexpected " + more.get());
    }

    private static Object crash(Pid child, Object reason) {
        Ref ref = Proc.monitor(child);
        GenServer.cast(child, new ExitWith(reason));
        return Await.down(ref).reason();
    }

    @Test
    void childrenStartInOrderAndStopInReverseOrder() throws Exception {
        Pid sup = start(flags(Strategy.ONE_FOR_ONE),
                ChildSpec.worker("a", Probe.start("a")), ChildSpec.worker("b", Probe.start("b")), ChildSpec.worker("c", Probe.start("c")));
        assertEquals(List.of("start a", "start b", "start c"), events(3));
        Supervisor.stop(sup);
        assertEquals(List.of("stop c", "stop b", "stop a"), events(3));
        assertFalse(Proc.isAlive(sup));
    }

    private static Pid pidOf(Pid sup, Object id) {
        return Supervisor.whichChildren(sup).stream().filter(c -> c.id().equals(id)).findFirst()
                .flatMap(ChildInfo::pid).orElseThrow(() -> new AssertionError(id + " is not running"));
    }

    @Test
    void oneForOneRestartsOnlyTheChildThatDied() throws Exception {
        Pid sup = start(flags(Strategy.ONE_FOR_ONE), ChildSpec.worker("a", Probe.start("a")), ChildSpec.worker("b", Probe.start("b")));
        events(2);
        Pid a = pidOf(sup, "a");
        Pid b = pidOf(sup, "b");
        assertEquals("boom", crash(a, "boom"));
        assertEquals(List.of("stop a", "start a"), events(2));
        assertNotEquals(a, pidOf(sup, "a"));
        assertEquals(b, pidOf(sup, "b"));
        assertNoMoreEvents();
    }

    @Test
    void oneForAllStopsTheOthersInReverseOrderThenStartsAllInOrder() throws Exception {
        Pid sup = start(flags(Strategy.ONE_FOR_ALL),
                ChildSpec.worker("a", Probe.start("a")), ChildSpec.worker("b", Probe.start("b")), ChildSpec.worker("c", Probe.start("c")));
        events(3);
        crash(pidOf(sup, "b"), "boom");
        assertEquals(List.of("stop b", "stop c", "stop a", "start a", "start b", "start c"), events(6));
        assertEquals(3, Supervisor.countChildren(sup).active());
    }

    @Test
    void restForOneRestartsTheChildAndThoseStartedAfterIt() throws Exception {
        Pid sup = start(flags(Strategy.REST_FOR_ONE),
                ChildSpec.worker("a", Probe.start("a")), ChildSpec.worker("b", Probe.start("b")),
                ChildSpec.worker("c", Probe.start("c")), ChildSpec.worker("d", Probe.start("d")));
        events(4);
        Pid a = pidOf(sup, "a");
        crash(pidOf(sup, "b"), "boom");
        assertEquals(List.of("stop b", "stop d", "stop c", "start b", "start c", "start d"), events(6));
        assertEquals(a, pidOf(sup, "a"));
        assertNoMoreEvents();
    }

    @Test
    void simpleOneForOneStartsChildrenOnDemandWithTheExtraArguments() throws Exception {
        Pid sup = start(flags(Strategy.SIMPLE_ONE_FOR_ONE), ChildSpec.worker("tmpl", Probe.start("conn")));
        assertEquals(new ChildCount(1, 0, 0, 0), Supervisor.countChildren(sup));
        Pid one = Supervisor.startChild(sup, List.of("one"));
        Started s = Await.message(Started.class);
        assertEquals(one, s.pid());
        assertEquals(List.of("one"), s.extra());
        Pid two = Supervisor.startChild(sup, List.of("two", 2));
        assertEquals(List.of("two", 2), Await.message(Started.class).extra());
        assertEquals(new ChildCount(1, 2, 0, 2), Supervisor.countChildren(sup));
        assertEquals(List.of(new ChildInfo(Atom.UNDEFINED, Optional.of(one), false, ChildType.WORKER),
                new ChildInfo(Atom.UNDEFINED, Optional.of(two), false, ChildType.WORKER)), Supervisor.whichChildren(sup));
        crash(one, "boom");
        Started again = Await.message(Started.class);
        assertEquals(List.of("one"), again.extra(), "a restarted child gets its own extra arguments again");
        Supervisor.terminateChild(sup, two);
        assertFalse(Proc.isAlive(two));
        assertEquals(1, Supervisor.countChildren(sup).active());
        OtpException byId = assertThrows(OtpException.class, () -> Supervisor.terminateChild(sup, "tmpl"));
        assertEquals(Atom.SIMPLE_ONE_FOR_ONE, byId.reason());
        assertThrows(IllegalArgumentException.class, () -> Supervisor.startChild(start(flags(Strategy.ONE_FOR_ONE)), List.of()));
    }

    @Test
    void aPermanentChildIsRestartedEvenAfterANormalExit() throws Exception {
        Pid sup = start(flags(Strategy.ONE_FOR_ONE), ChildSpec.worker("p", Probe.start("p")));
        events(1);
        crash(pidOf(sup, "p"), ExitReason.NORMAL);
        assertEquals(List.of("stop p", "start p"), events(2));
    }

    @Test
    void aTransientChildIsRestartedOnlyAfterAnAbnormalExit() throws Exception {
        Pid sup = start(flags(Strategy.ONE_FOR_ONE), ChildSpec.worker("t", Probe.start("t")).withRestart(Restart.TRANSIENT),
                ChildSpec.worker("u", Probe.start("u")).withRestart(Restart.TRANSIENT),
                ChildSpec.worker("v", Probe.start("v")).withRestart(Restart.TRANSIENT));
        events(3);
        crash(pidOf(sup, "t"), "abnormal");
        assertEquals(List.of("stop t", "start t"), events(2));
        crash(pidOf(sup, "t"), ExitReason.NORMAL);
        crash(pidOf(sup, "u"), ExitReason.SHUTDOWN);
        crash(pidOf(sup, "v"), new ShutdownWith("done"));
        assertEquals(List.of("stop t", "stop u", "stop v"), events(3));
        assertNoMoreEvents();
        assertEquals(new ChildCount(3, 0, 0, 3), Supervisor.countChildren(sup), "the specs are kept");
        assertTrue(Supervisor.whichChildren(sup).stream().allMatch(c -> c.pid().isEmpty()));
    }

    @Test
    void aTemporaryChildIsNeverRestartedAndItsSpecIsForgotten() throws Exception {
        Pid sup = start(flags(Strategy.ONE_FOR_ONE), ChildSpec.worker("tmp", Probe.start("tmp")).withRestart(Restart.TEMPORARY),
                ChildSpec.worker("stay", Probe.start("stay")));
        events(2);
        crash(pidOf(sup, "tmp"), "abnormal");
        assertEquals(List.of("stop tmp"), events(1));
        assertNoMoreEvents();
        assertEquals(List.of("stay"), Supervisor.whichChildren(sup).stream().map(ChildInfo::id).toList());
    }

    @Test
    void brutalKillKillsAtOnceWithoutTerminate() throws Exception {
        Pid sup = start(flags(Strategy.ONE_FOR_ONE), ChildSpec.worker("k", Probe.startStubborn("k")).withShutdown(Shutdown.BRUTAL_KILL));
        events(1);
        Pid k = pidOf(sup, "k");
        Ref ref = Proc.monitor(k);
        Supervisor.terminateChild(sup, "k");
        assertEquals(ExitReason.KILLED, Await.down(ref).reason());
        assertNoMoreEvents();
    }

    @Test
    void aShutdownTimeoutSendsShutdownThenKillsWhenItPasses() throws Exception {
        Pid sup = start(flags(Strategy.ONE_FOR_ONE),
                ChildSpec.worker("polite", Probe.start("polite")).withShutdown(Shutdown.timeout(10_000)),
                ChildSpec.worker("stubborn", Probe.startStubborn("stubborn")).withShutdown(Shutdown.timeout(50)));
        events(2);
        Ref polite = Proc.monitor(pidOf(sup, "polite"));
        Ref stubborn = Proc.monitor(pidOf(sup, "stubborn"));
        Supervisor.terminateChild(sup, "polite");
        assertEquals(ExitReason.SHUTDOWN, terminated("polite").reason());
        assertEquals(ExitReason.SHUTDOWN, Await.down(polite).reason());
        Supervisor.terminateChild(sup, "stubborn");
        assertEquals(ExitReason.SHUTDOWN, terminated("stubborn").reason(), "its terminate began");
        assertEquals(ExitReason.KILLED, Await.down(stubborn).reason(), "and was cut short");
    }

    @Test
    void aChildThatDoesNotTrapExitsDiesOfTheShutdownSignal() throws Exception {
        Pid sup = start(flags(Strategy.ONE_FOR_ONE), ChildSpec.worker("plain", Probe.startNotTrapping("plain")));
        events(1);
        Ref ref = Proc.monitor(pidOf(sup, "plain"));
        Supervisor.terminateChild(sup, "plain");
        assertEquals(ExitReason.SHUTDOWN, Await.down(ref).reason());
        assertNoMoreEvents();
    }

    @Test
    void anInfiniteShutdownWaitsAsLongAsTheChildTakes() throws Exception {
        Pid sup = start(flags(Strategy.ONE_FOR_ONE),
                ChildSpec.worker("slow", Probe.startStubborn("slow")).withShutdown(Shutdown.INFINITY));
        events(1);
        Pid slow = pidOf(sup, "slow");
        Ref supRef = Proc.monitor(sup);
        Pid stopper = Proc.spawn(() -> Supervisor.stop(sup));
        assertEquals(ExitReason.SHUTDOWN, terminated("slow").reason());
        assertTrue(Proc.isAlive(slow), "the child is still in its terminate");
        assertTrue(Proc.isAlive(sup), "and the supervisor waits for it");
        slow.send(Probe.GO);
        assertEquals(ExitReason.NORMAL, Await.down(supRef).reason());
        assertFalse(Proc.isAlive(slow));
        Await.until("the stopper returns", () -> !Proc.isAlive(stopper));
    }

    @Test
    void moreRestartsThanTheIntensityWithinThePeriodShutTheSupervisorDown() throws Exception {
        Pid sup = start(SupFlags.of(Strategy.ONE_FOR_ONE).withIntensity(2).withPeriod(Duration.ofSeconds(10)).withClock(clock),
                ChildSpec.worker("a", Probe.start("a")), ChildSpec.worker("b", Probe.start("b")), ChildSpec.worker("c", Probe.start("c")));
        events(3);
        Ref supRef = Proc.monitor(sup);
        crash(pidOf(sup, "b"), "one");
        assertEquals(List.of("stop b", "start b"), events(2));
        clock.advance(Duration.ofSeconds(9));
        crash(pidOf(sup, "b"), "two");
        assertEquals(List.of("stop b", "start b"), events(2));
        clock.advance(Duration.ofSeconds(1));
        crash(pidOf(sup, "b"), "three");
        assertEquals(List.of("stop b", "stop c", "stop a"), events(3), "three restarts in 10 s: give up, stop the rest in reverse order");
        assertEquals(ExitReason.SHUTDOWN, Await.down(supRef).reason());
        assertNoMoreEvents();
    }

    @Test
    void restartsSpreadWiderThanThePeriodGoOnForever() throws Exception {
        Pid sup = start(SupFlags.of(Strategy.ONE_FOR_ONE).withIntensity(1).withPeriod(Duration.ofSeconds(5)).withClock(clock),
                ChildSpec.worker("a", Probe.start("a")));
        events(1);
        for (int i = 0; i < 10; i++) {
            crash(pidOf(sup, "a"), "again");
            assertEquals(List.of("stop a", "start a"), events(2));
            clock.advance(Duration.ofMillis(5_001));
        }
        assertTrue(Proc.isAlive(sup));
    }

    @Test
    void zeroIntensityGivesUpAtTheFirstRestart() throws Exception {
        Pid sup = start(SupFlags.of(Strategy.ONE_FOR_ONE).withIntensity(0).withClock(clock), ChildSpec.worker("a", Probe.start("a")));
        events(1);
        Ref supRef = Proc.monitor(sup);
        crash(pidOf(sup, "a"), "once");
        assertEquals(ExitReason.SHUTDOWN, Await.down(supRef).reason());
    }

    @Test
    void theChildFunctionsManageSpecsAsErlangDoes() throws Exception {
        Pid sup = start(flags(Strategy.ONE_FOR_ONE), ChildSpec.worker("a", Probe.start("a")));
        events(1);
        Pid b = Supervisor.startChild(sup, ChildSpec.worker("b", Probe.start("b")));
        assertEquals(b, started("b"));
        OtpException running = assertThrows(OtpException.class, () -> Supervisor.startChild(sup, ChildSpec.worker("b", Probe.start("b"))));
        assertEquals(new AlreadyStarted(b), running.reason());
        assertEquals(new ChildCount(2, 2, 0, 2), Supervisor.countChildren(sup));

        Supervisor.terminateChild(sup, "b");
        assertEquals(ExitReason.SHUTDOWN, terminated("b").reason());
        assertEquals(new ChildInfo("b", Optional.empty(), false, ChildType.WORKER), Supervisor.whichChildren(sup).get(1));
        assertEquals(Atom.ALREADY_PRESENT, assertThrows(OtpException.class,
                () -> Supervisor.startChild(sup, ChildSpec.worker("b", Probe.start("b")))).reason());
        assertEquals(Atom.RUNNING, assertThrows(OtpException.class, () -> Supervisor.deleteChild(sup, "a")).reason());
        assertEquals(Atom.RUNNING, assertThrows(OtpException.class, () -> Supervisor.restartChild(sup, "a")).reason());

        Pid b2 = Supervisor.restartChild(sup, "b");
        assertEquals(b2, started("b"));
        Supervisor.terminateChild(sup, "b");
        terminated("b");
        Supervisor.deleteChild(sup, "b");
        assertEquals(List.of("a"), Supervisor.whichChildren(sup).stream().map(ChildInfo::id).toList());
        for (var call : List.<ThrowingCall>of(() -> Supervisor.deleteChild(sup, "b"), () -> Supervisor.restartChild(sup, "b"),
                () -> Supervisor.terminateChild(sup, "b"))) {
            assertEquals(Atom.NOT_FOUND, assertThrows(OtpException.class, call::run).reason());
        }
        Pid sup2 = supervisors.getFirst();
        assertEquals(sup, sup2);
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void aSupervisorRegisteredByNameIsReachedByNameAndTheNameCannotBeTakenTwice() throws Exception {
        String name = "sup_" + Proc.makeRef().hashCode();
        Pid sup = Supervisor.start(Name.local(name), SupFlags.of(Strategy.SIMPLE_ONE_FOR_ONE), List.of(ChildSpec.worker("w", Probe.start("w"))));
        supervisors.add(sup);
        assertEquals(Optional.of(sup), GenServer.whereis(name));
        Pid child = Supervisor.startChild(name, List.of());
        assertEquals(child, started("w"));
        OtpException taken = assertThrows(OtpException.class,
                () -> Supervisor.start(Name.local(name), SupFlags.of(Strategy.ONE_FOR_ONE), List.of()));
        assertEquals(new AlreadyStarted(sup), taken.reason());
        Supervisor.stop(name);
        assertEquals(Optional.empty(), GenServer.whereis(name));
        assertFalse(Proc.isAlive(child));
    }

    @Test
    void aChildThatFailsToStartStopsThoseStartedAndTheSupervisorDoesNotStart() {
        ChildStart fails = extra -> {
            throw new IllegalStateException("no database");
        };
        OtpException e = assertThrows(OtpException.class, () -> start(flags(Strategy.ONE_FOR_ONE),
                ChildSpec.worker("a", Probe.start("a")), ChildSpec.worker("b", Probe.start("b")), ChildSpec.worker("db", fails),
                ChildSpec.worker("never", Probe.start("never"))));
        assertEquals(List.of("start a", "start b", "stop b", "stop a"), events(4));
        ShutdownWith shutdown = assertInstanceOf(ShutdownWith.class, e.reason());
        FailedToStartChild failed = assertInstanceOf(FailedToStartChild.class, shutdown.info());
        assertEquals("db", failed.id());
        assertEquals("no database", assertInstanceOf(Crash.class, failed.reason()).exception().getMessage());
        assertTrue(e.reason().toString().startsWith("{shutdown,{failed_to_start_child,db,{error,{java.lang.IllegalStateException,\"no database\"}"),
                e.reason().toString());
        assertNoMoreEvents();
    }

    @Test
    void anIgnoredChildIsKeptUnstarted() throws Exception {
        ChildStart ignores = extra -> GenServer.startLink(new GenServer<Object, Object>() {
            @Override
            public Init<Object> init() {
                return Init.ignore();
            }
        });
        Pid sup = start(flags(Strategy.ONE_FOR_ONE), ChildSpec.worker("ign", ignores));
        assertEquals(List.of(new ChildInfo("ign", Optional.empty(), false, ChildType.WORKER)), Supervisor.whichChildren(sup));
        assertTrue(assertThrows(OtpException.class, () -> Supervisor.restartChild(sup, "ign")).ignored());
    }

    @Test
    void theParentsExitStopsTheChildrenThenTheSupervisorWithTheSameReason() throws Exception {
        Pid self = Proc.self();
        List<ChildSpec> children = List.of(ChildSpec.worker("a", Probe.start("a")), ChildSpec.worker("b", Probe.start("b")));
        Pid parent = Proc.spawn(() -> {
            Pid sup = Supervisor.startLink(flags(Strategy.ONE_FOR_ONE), children);
            self.send(sup);
            Proc.receive(m -> false);
        });
        Pid sup = Await.message(Pid.class);
        events(2);
        Ref supRef = Proc.monitor(sup);
        Proc.exit(parent, "going away");
        assertEquals(List.of("stop b", "stop a"), events(2));
        assertEquals("going away", Await.down(supRef).reason());
    }

    @Test
    void aFailedRestartIsRetriedAndCountsAgainstTheIntensity() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(0);
        ChildStart probe = Probe.start("flaky");
        ChildStart flaky = extra -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("not yet");
            }
            return probe.start(extra);
        };
        Pid sup = start(SupFlags.of(Strategy.ONE_FOR_ONE).withIntensity(5).withClock(clock), ChildSpec.worker("flaky", flaky));
        events(1);
        failuresLeft.set(2);
        crash(pidOf(sup, "flaky"), "boom");
        assertEquals(List.of("stop flaky", "start flaky"), events(2), "two failed restarts, retried, then a start");
        assertEquals(-1, failuresLeft.get());
        assertTrue(Proc.isAlive(sup));

        Ref supRef = Proc.monitor(sup);
        failuresLeft.set(100);
        crash(pidOf(sup, "flaky"), "boom");
        assertEquals(ExitReason.SHUTDOWN, Await.down(supRef).reason(), "retries count: the intensity runs out");
    }

    @Test
    void aSupervisorChildIsStoppedWithItsWholeSubtree() throws Exception {
        List<ChildSpec> grandchildren = List.of(ChildSpec.worker("x", Probe.start("x")), ChildSpec.worker("y", Probe.start("y")));
        ChildStart inner = extra -> Supervisor.startLink(flags(Strategy.ONE_FOR_ONE), grandchildren);
        Pid sup = start(flags(Strategy.ONE_FOR_ONE), ChildSpec.worker("w", Probe.start("w")), ChildSpec.supervisor("inner", inner));
        assertEquals(List.of("start w", "start x", "start y"), events(3));
        assertEquals(new ChildCount(2, 2, 1, 1), Supervisor.countChildren(sup));
        Supervisor.stop(sup);
        assertEquals(List.of("stop y", "stop x", "stop w"), events(3));
    }

    @Test
    void callerMistakesAreRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> Supervisor.start(flags(Strategy.SIMPLE_ONE_FOR_ONE), List.of()));
        assertThrows(IllegalArgumentException.class, () -> Supervisor.start(flags(Strategy.ONE_FOR_ONE),
                List.of(ChildSpec.worker("same", Probe.start("1")), ChildSpec.worker("same", Probe.start("2")))));
        assertThrows(IllegalArgumentException.class, () -> SupFlags.of(Strategy.ONE_FOR_ONE).withIntensity(-1));
        assertThrows(IllegalArgumentException.class, () -> SupFlags.of(Strategy.ONE_FOR_ONE).withPeriod(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Shutdown.timeout(-5));
    }

    @Test
    void aCrashedChildsReasonCarriesTheException() throws Exception {
        Pid sup = start(flags(Strategy.ONE_FOR_ONE), ChildSpec.worker("c", Probe.start("c")));
        events(1);
        Pid c = pidOf(sup, "c");
        Ref ref = Proc.monitor(c);
        try (LogCapture log = new LogCapture()) {
            GenServer.cast(c, "not an ExitWith: the probe throws");
            Crash crash = assertInstanceOf(Crash.class, Await.down(ref).reason());
            assertInstanceOf(IllegalStateException.class, crash.exception());
            assertInstanceOf(Crash.class, terminated("c").reason());
            started("c");
            Await.until("the supervisor reports the child it lost", () -> log.records.stream().anyMatch(r ->
                    r.getMessage().contains("child_terminated") && r.getMessage().contains("{pid," + c + "}")
                            && r.getThrown() == crash.exception()));
        }
    }
}
