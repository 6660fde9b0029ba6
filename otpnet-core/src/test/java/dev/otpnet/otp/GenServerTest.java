package dev.otpnet.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.process.Await;
import dev.otpnet.process.Crash;
import dev.otpnet.process.Exit;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.ProcessExit;
import dev.otpnet.process.Ref;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** gen_server's contract: init results, call/cast/info, timeouts, continue, stop, terminate, names, failures. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GenServerTest {

    sealed interface Request permits Push, Pop, Peek, Hold, Release, Crash_, Quit {}

    record Push(String item) implements Request {}

    record Pop() implements Request {}

    record Peek() implements Request {}

    /** Keep the caller waiting: reply later. */
    record Hold() implements Request {}

    /** Reply to the held caller now. */
    record Release(Object reply) implements Request {}

    record Crash_(String why) implements Request {}

    record Quit(Object reason) implements Request {}

    record Terminated(Object reason, Object state) {}

    record Info(Object message) {}

    /** The package Javadoc's stack, with the extras these tests need; tells the test thread what happens. */
    static final class Stack implements GenServer<Request, List<String>> {
        private final Pid observer;
        private final Init<List<String>> init;
        private From held;

        Stack(Pid observer, Init<List<String>> init) {
            this.observer = observer;
            this.init = init;
        }

        Stack(Pid observer) {
            this(observer, Init.ok(List.of()));
        }

        @Override
        public Init<List<String>> init() {
            return init;
        }

        @Override
        public CallResult<List<String>> handleCall(Request request, From from, List<String> items) {
            return switch (request) {
                case Pop() when items.isEmpty() -> GenServer.reply("empty", items);
                case Pop() -> GenServer.reply(items.getFirst(), items.subList(1, items.size()));
                case Push(String item) -> GenServer.reply("ok", Stream.concat(Stream.of(item), items.stream()).toList());
                case Peek() -> GenServer.reply(items, items);
                case Hold() -> {
                    held = from;
                    yield GenServer.noreply(items);
                }
                case Release(Object reply) -> GenServer.reply(GenServer.reply(held, reply), items);
                case Crash_(String why) -> throw new IllegalStateException(why);
                case Quit(Object reason) -> GenServer.stop(reason, "bye", items);
            };
        }

        @Override
        public Result<List<String>> handleCast(Request request, List<String> items) {
            return switch (request) {
                case Push(String item) -> GenServer.noreply(Stream.concat(Stream.of(item), items.stream()).toList());
                case Quit(Object reason) -> GenServer.stop(reason, items);
                case Release(Object reply) -> {
                    if (held != null) {
                        GenServer.reply(held, reply);
                    }
                    yield GenServer.noreply(items);
                }
                default -> throw new IllegalStateException("cast " + request);
            };
        }

        @Override
        public Result<List<String>> handleInfo(Object message, List<String> items) {
            observer.send(new Info(message));
            return GenServer.noreply(items);
        }

        @Override
        public Result<List<String>> handleContinue(Object term, List<String> items) {
            observer.send(new Info("continue " + term));
            return GenServer.noreply(Stream.concat(Stream.of("continued"), items.stream()).toList());
        }

        @Override
        public void terminate(Object reason, List<String> items) {
            observer.send(new Terminated(reason, items));
        }
    }

    private final List<Pid> servers = new ArrayList<>();

    @BeforeEach
    void trap() {
        Proc.trapExit(true);
        Proc.flush();
    }

    @AfterEach
    void cleanUp() {
        servers.forEach(s -> Proc.exit(s, ExitReason.KILL));
        Proc.trapExit(false);
        Proc.flush();
    }

    private Pid start(GenServer<?, ?> server) throws OtpException {
        Pid pid = GenServer.start(server);
        servers.add(pid);
        return pid;
    }

    @Test
    void callsAreAnsweredInOrderFromTheStateTheLastCallbackLeft() throws Exception {
        Pid stack = start(new Stack(Proc.self()));
        assertEquals("ok", GenServer.call(stack, new Push("a")));
        assertEquals("ok", GenServer.call(stack, new Push("b")));
        assertEquals("b", GenServer.<String>call(stack, new Pop()));
        assertEquals("a", GenServer.<String>call(stack, new Pop()));
        assertEquals("empty", GenServer.<String>call(stack, new Pop()));
    }

    @Test
    void castsChangeTheStateAndOtherMessagesGoToHandleInfo() throws Exception {
        Pid stack = start(new Stack(Proc.self()));
        GenServer.cast(stack, new Push("x"));
        stack.send("plain message");
        assertEquals(new Info("plain message"), Await.message(Info.class));
        assertEquals(List.of("x"), GenServer.call(stack, new Peek()));
    }

    @Test
    void anInitTimeoutOfZeroDeliversTimeoutToHandleInfoAtOnce() throws Exception {
        start(new Stack(Proc.self(), Init.ok(List.of(), 0)));
        assertEquals(new Info(Atom.TIMEOUT), Await.message(Info.class));
        assertEquals("timeout", Atom.TIMEOUT.toString());
    }

    @Test
    void aNoreplyTimeoutFiresWhenNoMessageComes() throws Exception {
        GenServer<Object, Integer> ticker = new GenServer<>() {
            final Pid observer = Proc.self();

            @Override
            public Init<Integer> init() {
                return Init.ok(0, 1);
            }

            @Override
            public Result<Integer> handleInfo(Object message, Integer n) {
                observer.send(new Info(message + " " + n));
                return n < 3 ? GenServer.noreply(n + 1, 1) : GenServer.noreply(n);
            }
        };
        start(ticker);
        for (int i = 0; i <= 3; i++) {
            assertEquals(new Info("timeout " + i), Await.message(Info.class));
        }
    }

    @Test
    void continueRunsBeforeAnyMessage() throws Exception {
        Pid stack = start(new Stack(Proc.self(), Init.ok(List.of(), Then.continueWith("setup"))));
        assertEquals(List.of("continued"), GenServer.call(stack, new Peek()));
        assertEquals(new Info("continue setup"), Await.message(Info.class));
    }

    @Test
    void hibernateIsAcceptedAndTheServerGoesOn() throws Exception {
        Pid stack = start(new Stack(Proc.self(), Init.ok(List.of("h"), Then.HIBERNATE)));
        assertEquals(List.of("h"), GenServer.call(stack, new Peek()));
    }

    @Test
    void anInitThatIgnoresOrStopsOrThrowsFailsTheStart() throws Exception {
        OtpException ignored = assertThrows(OtpException.class, () -> GenServer.start(new Stack(Proc.self(), Init.ignore())));
        assertTrue(ignored.ignored());

        OtpException stopped = assertThrows(OtpException.class, () -> GenServer.startLink(new Stack(Proc.self(), Init.stop("no config"))));
        assertEquals("no config", stopped.reason());
        assertTrue(Proc.receive(Exit.class, 0).isEmpty(), "the linked start's exit signal is not left in a trapping caller's mailbox");

        GenServer<Object, Object> throwing = () -> {
            throw new java.io.IOException("eacces");
        };
        OtpException crashed = assertThrows(OtpException.class, () -> GenServer.start(throwing));
        assertEquals("eacces", assertInstanceOf(Crash.class, crashed.reason()).exception().getMessage());
    }

    @Test
    void aNonTrappingCallerLinkedToAServerWhoseInitStopsDiesWithIt() {
        Pid self = Proc.self();
        Ref ref = Proc.spawnMonitor(() -> {
            try {
                GenServer.startLink(new Stack(self, Init.stop("no config")));
            } catch (OtpException e) {
                self.send("start returned " + e.reason());
            }
            Proc.receive(m -> false);
        }).ref();
        assertEquals("no config", Await.down(ref).reason());
    }

    @Test
    void aReplyCanComeLaterFromTheFromHandle() throws Exception {
        Pid stack = start(new Stack(Proc.self()));
        Pid self = Proc.self();
        Proc.spawn(() -> self.send(new Info(GenServer.call(stack, new Hold()))));
        List<Info> answer = new ArrayList<>();
        Await.until("the held call is answered", () -> {
            GenServer.cast(stack, new Release("later"));
            Proc.receive(Info.class, 10).ifPresent(answer::add);
            return !answer.isEmpty();
        });
        assertEquals(new Info("later"), answer.getFirst());
    }

    @Test
    void aCallThatTimesOutExitsTheCallerAndTheLateReplyNeverArrives() throws Exception {
        Pid stack = start(new Stack(Proc.self()));
        ProcessExit exit = assertThrows(ProcessExit.class, () -> GenServer.call(stack, new Hold(), 20));
        CallFailure failure = assertInstanceOf(CallFailure.class, exit.reason());
        assertEquals(Atom.TIMEOUT, failure.reason());
        assertEquals("{timeout,{gen_server,call,[" + stack + ",Hold[],20]}}", failure.toString());
        assertEquals(false, GenServer.<Boolean>call(stack, new Release("too late")), "the held From is closed");
        assertEquals(List.of(), Proc.flush(), "nothing was left in the caller's mailbox");
    }

    @Test
    void callingADeadOrUnknownServerExitsWithNoproc() throws Exception {
        Pid stack = start(new Stack(Proc.self()));
        GenServer.stop(stack);
        ProcessExit dead = assertThrows(ProcessExit.class, () -> GenServer.call(stack, new Peek()));
        assertEquals(ExitReason.NOPROC, ((CallFailure) dead.reason()).reason());
        ProcessExit unknown = assertThrows(ProcessExit.class, () -> GenServer.call("nobody_has_this_name", new Peek()));
        assertEquals(ExitReason.NOPROC, ((CallFailure) unknown.reason()).reason());
        GenServer.cast("nobody_has_this_name", new Peek());
    }

    @Test
    void aServerThatDiesDuringACallExitsTheCallerWithTheServersReason() throws Exception {
        Pid stack = start(new Stack(Proc.self()));
        try (LogCapture log = new LogCapture()) {
            ProcessExit exit = assertThrows(ProcessExit.class, () -> GenServer.call(stack, new Crash_("bad state")));
            Crash crash = assertInstanceOf(Crash.class, ((CallFailure) exit.reason()).reason());
            assertEquals("bad state", crash.exception().getMessage());
            Terminated t = Await.message(Terminated.class);
            assertInstanceOf(Crash.class, t.reason());
            Await.until("the crash is reported", () -> !log.about(stack).isEmpty());
            assertEquals(1, log.about(stack).size(), "reported once, by the gen_server, not again by the process");
            assertTrue(log.about(stack).getFirst().getMessage().contains("Generic server " + stack + " terminating"));
        }
    }

    @Test
    void stopRunsTerminateWithTheReasonAndWaits() throws Exception {
        Pid stack = start(new Stack(Proc.self(), Init.ok(List.of("s"))));
        Ref ref = Proc.monitor(stack);
        GenServer.stop(stack, ExitReason.SHUTDOWN, 5_000);
        assertEquals(new Terminated(ExitReason.SHUTDOWN, List.of("s")), Await.message(Terminated.class));
        assertFalse(Proc.isAlive(stack));
        assertEquals(ExitReason.SHUTDOWN, Await.down(ref).reason());
        ProcessExit again = assertThrows(ProcessExit.class, () -> GenServer.stop(stack));
        assertEquals(ExitReason.NOPROC, again.reason());
    }

    @Test
    void stopTimesOutWhenTerminateTakesTooLong() throws Exception {
        GenServer<Object, Object> slow = new GenServer<>() {
            @Override
            public Init<Object> init() {
                return Init.ok("slow");
            }

            @Override
            public void terminate(Object reason, Object state) {
                Proc.receive(m -> m.equals("go"));
            }
        };
        Pid pid = start(slow);
        ProcessExit exit = assertThrows(ProcessExit.class, () -> GenServer.stop(pid, ExitReason.NORMAL, 20));
        assertEquals(Atom.TIMEOUT, exit.reason());
        pid.send("go");
        Await.until("the server ends once terminate returns", () -> !Proc.isAlive(pid));
    }

    @Test
    void aStopResultWithAReplyAnswersAfterTerminate() throws Exception {
        Pid stack = start(new Stack(Proc.self()));
        Ref ref = Proc.monitor(stack);
        assertEquals("bye", GenServer.call(stack, new Quit("finished")));
        assertEquals("finished", Await.message(Terminated.class).reason());
        assertEquals("finished", Await.down(ref).reason());
        GenServer.cast(start(new Stack(Proc.self())), new Quit(ExitReason.NORMAL));
        assertEquals(ExitReason.NORMAL, Await.message(Terminated.class).reason());
    }

    @Test
    void aTrappingServerRunsTerminateWhenItsParentExits() throws Exception {
        Pid self = Proc.self();
        GenServer<Object, String> trapping = new GenServer<>() {
            @Override
            public Init<String> init() {
                Proc.trapExit(true);
                return Init.ok("state");
            }

            @Override
            public void terminate(Object reason, String state) {
                self.send(new Terminated(reason, state));
            }
        };
        Pid parent = Proc.spawn(() -> {
            self.send(GenServer.startLink(trapping));
            Proc.receive(m -> false);
        });
        Pid server = Await.message(Pid.class);
        Ref ref = Proc.monitor(server);
        Proc.exit(parent, "parent gone");
        assertEquals(new Terminated("parent gone", "state"), Await.message(Terminated.class));
        assertEquals("parent gone", Await.down(ref).reason());
    }

    @Test
    void aServerThatDoesNotTrapDiesWithItsParentWithoutTerminate() throws Exception {
        Pid self = Proc.self();
        Pid parent = Proc.spawn(() -> {
            self.send(GenServer.startLink(new Stack(self)));
            Proc.receive(m -> false);
        });
        Pid server = Await.message(Pid.class);
        Ref ref = Proc.monitor(server);
        Proc.exit(parent, "parent gone");
        assertEquals("parent gone", Await.down(ref).reason());
        assertTrue(Proc.receive(Terminated.class, 0).isEmpty());
    }

    @Test
    void aNamedServerIsFoundByNameAndANameCannotBeTakenTwice() throws Exception {
        String name = "stack_" + Proc.makeRef().hashCode();
        Pid stack = GenServer.start(Name.local(name), new Stack(Proc.self()));
        servers.add(stack);
        assertEquals(Optional.of(stack), GenServer.whereis(name));
        GenServer.cast(name, new Push("by name"));
        assertEquals(List.of("by name"), GenServer.call(name, new Peek()));
        OtpException taken = assertThrows(OtpException.class, () -> GenServer.start(Name.local(name), new Stack(Proc.self())));
        assertEquals(new AlreadyStarted(stack), taken.reason());
        assertEquals("{already_started," + stack + "}", taken.reason().toString());
        GenServer.stop(name);
        assertEquals(Optional.empty(), GenServer.whereis(name));
    }

    @Test
    void aCallbackThatThrowsACheckedExceptionCrashesTheServer() throws Exception {
        GenServer<Object, Object> checked = new GenServer<>() {
            @Override
            public Init<Object> init() {
                return Init.ok("s");
            }

            @Override
            public Result<Object> handleCast(Object request, Object state) throws Exception {
                throw new java.io.IOException("closed");
            }
        };
        Pid pid = start(checked);
        Ref ref = Proc.monitor(pid);
        GenServer.cast(pid, "go");
        Crash crash = assertInstanceOf(Crash.class, Await.down(ref).reason());
        assertInstanceOf(java.io.IOException.class, crash.exception());
    }

    @Test
    void defaultCallbacksCrashOnCallsAndCastsAndLogOtherMessages() throws Exception {
        GenServer<Object, Object> bare = () -> Init.ok("bare");
        try (LogCapture log = new LogCapture()) {
            Pid pid = start(bare);
            pid.send("stray");
            Await.until("the stray message is logged", () -> log.about(pid).stream().anyMatch(r -> r.getMessage().contains("stray")));
            assertTrue(Proc.isAlive(pid));
            ProcessExit exit = assertThrows(ProcessExit.class, () -> GenServer.call(pid, "anything"));
            assertInstanceOf(UnsupportedOperationException.class, ((Crash) ((CallFailure) exit.reason()).reason()).exception());
        }
    }

    @Test
    void aServerThatCallsItselfFailsAtOnceWithCallingSelf() throws Exception {
        Pid self = Proc.self();
        Pid loop = start(GenServer.<String, String>of(() -> Init.ok("s")).onCall((request, from, state) -> {
            try {
                GenServer.call(Proc.self(), "again");
            } catch (ProcessExit e) {
                self.send(new Info(((CallFailure) e.reason()).reason()));
            }
            return GenServer.reply("done", state);
        }));
        assertEquals("done", GenServer.call(loop, "go"));
        assertEquals(new Info(Atom.CALLING_SELF), Await.message(Info.class));
    }

    @Test
    void aServerCanBeASetOfLambdas() throws Exception {
        Pid self = Proc.self();
        Pid counter = start(GenServer.<String, Integer>of(() -> Init.ok(0))
                .onCall((request, from, n) -> GenServer.reply(request + n, n + 1))
                .onCast((request, n) -> GenServer.noreply(100))
                .onInfo((message, n) -> GenServer.noreply(n, Then.continueWith(message)))
                .onContinue((term, n) -> GenServer.noreply(n * 2))
                .onTerminate((reason, n) -> self.send(new Terminated(reason, n))));
        assertEquals("n=0", GenServer.call(counter, "n="));
        assertEquals("n=1", GenServer.call(counter, "n="));
        GenServer.cast(counter, "reset");
        counter.send("double");
        assertEquals("n=200", GenServer.call(counter, "n="));
        GenServer.stop(counter);
        assertEquals(new Terminated(ExitReason.NORMAL, 201), Await.message(Terminated.class));
    }

    @Test
    void callerMistakesAreRefusedAtOnce() throws Exception {
        Pid stack = start(new Stack(Proc.self()));
        assertThrows(IllegalArgumentException.class, () -> GenServer.call(stack, new Peek(), -2));
        assertThrows(IllegalArgumentException.class, () -> Then.timeout(-1));
        assertThrows(IllegalArgumentException.class, () -> Name.local(" "));
        assertSame(Then.NONE, Then.timeout(Proc.INFINITY));
    }
}
