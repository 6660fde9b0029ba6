package dev.otpnet.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.process.Await;
import dev.otpnet.process.Down;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.Ref;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A supervision tree under load: 1,000 children under {@code simple_one_for_one}, half of them
 * crashing at once in a random order, the rest serving calls throughout; afterwards no process and
 * no thread is left behind.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SupervisionStressTest {

    static final int CHILDREN = 1_000;

    /** A worker that answers calls with its number and crashes on request. */
    record Worker(int n) implements GenServer<String, Integer> {
        @Override
        public Init<Integer> init() {
            return Init.ok(n);
        }

        @Override
        public CallResult<Integer> handleCall(String request, From from, Integer state) {
            return GenServer.reply(state, state);
        }

        @Override
        public Result<Integer> handleCast(String request, Integer state) {
            throw new IllegalStateException("worker " + state + " crashes on purpose");
        }
    }

    private final Logger otpnet = Logger.getLogger("dev.otpnet");
    private LogCapture log;

    @BeforeEach
    void quiet() {
        Proc.flush();
        otpnet.setUseParentHandlers(false);
        log = new LogCapture();
    }

    @AfterEach
    void loud() {
        log.close();
        otpnet.setUseParentHandlers(true);
    }

    /**
     * The names of the live platform threads, but for the JDK's own carriers of virtual threads
     * (which the JDK starts and retires as it sees fit). Processes are virtual threads and are
     * counted by {@link Proc#processes()}.
     */
    private static Set<String> platformThreads() {
        Set<String> names = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.getName().startsWith("ForkJoinPool-") && !t.getName().equals("VirtualThread-unblocker")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    private static ChildSpec template(Restart restart) {
        return ChildSpec.worker("worker", extra -> GenServer.startLink(new Worker((Integer) extra.getFirst()))).withRestart(restart);
    }

    private static List<Pid> startAll(Pid sup) throws OtpException {
        List<Pid> pids = new ArrayList<>();
        for (int i = 0; i < CHILDREN; i++) {
            pids.add(Supervisor.startChild(sup, List.of(i)));
        }
        return pids;
    }

    @Test
    void halfOfAThousandTemporaryChildrenCrashTheRestServeAndNothingLeaks() throws Exception {
        int processesBefore = Proc.processes().size();
        Set<String> threadsBefore = platformThreads();
        Pid sup = Supervisor.start(SupFlags.of(Strategy.SIMPLE_ONE_FOR_ONE), List.of(template(Restart.TEMPORARY)));
        List<Pid> pids = startAll(sup);
        assertEquals(new ChildCount(1, CHILDREN, 0, CHILDREN), Supervisor.countChildren(sup));

        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < CHILDREN; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(8));
        Set<Integer> crashing = new HashSet<>(order.subList(0, CHILDREN / 2));
        List<Ref> downs = new ArrayList<>();
        for (int i : order.subList(0, CHILDREN / 2)) {
            downs.add(Proc.monitor(pids.get(i)));
            GenServer.cast(pids.get(i), "crash");
        }
        for (int i = 0; i < CHILDREN; i++) {
            if (!crashing.contains(i)) {
                assertEquals(i, GenServer.<Integer>call(pids.get(i), "ping"), "a survivor serves while the others crash");
            }
        }
        for (Ref ref : downs) {
            Down down = Await.down(ref);
            assertTrue(down.reason() instanceof dev.otpnet.process.Crash, down.toString());
        }
        Await.until("the supervisor has seen every crash", () -> Supervisor.countChildren(sup).active() == CHILDREN / 2);
        assertEquals(new ChildCount(1, CHILDREN / 2, 0, CHILDREN / 2), Supervisor.countChildren(sup), "temporary: none restarted");
        assertTrue(Proc.isAlive(sup), "temporary children's crashes do not count against the intensity");
        Await.until("each crash is reported once", () -> log.records.stream()
                .filter(r -> r.getMessage().contains("Generic server") && r.getMessage().contains("crashes on purpose")).count() == CHILDREN / 2);

        Supervisor.stop(sup);
        for (Pid p : pids) {
            assertTrue(!Proc.isAlive(p), p + " outlived its supervisor");
        }
        Await.until("every process is gone", () -> Proc.processes().size() <= processesBefore);
        Await.until("no thread is left", () -> threadsBefore.containsAll(platformThreads()));
    }

    @Test
    void aThousandPermanentChildrenAreRestartedWithinAGenerousIntensity() throws Exception {
        int processesBefore = Proc.processes().size();
        ManualClock clock = new ManualClock();
        Pid sup = Supervisor.start(SupFlags.of(Strategy.SIMPLE_ONE_FOR_ONE).withIntensity(CHILDREN).withPeriod(Duration.ofSeconds(1))
                .withClock(clock), List.of(template(Restart.PERMANENT)));
        List<Pid> pids = startAll(sup);
        Random random = new Random(9);
        List<Ref> downs = new ArrayList<>();
        for (int i = 0; i < CHILDREN / 2; i++) {
            Pid victim = pids.get(random.nextInt(CHILDREN));
            if (Proc.isAlive(victim)) {
                downs.add(Proc.monitor(victim));
                GenServer.cast(victim, "crash");
            }
        }
        downs.forEach(Await::down);
        Await.until("every crashed child is back", () -> Supervisor.countChildren(sup).active() == CHILDREN);
        List<Integer> answers = new ArrayList<>();
        for (ChildInfo child : Supervisor.whichChildren(sup)) {
            answers.add(GenServer.call(child.pid().orElseThrow(), "ping"));
        }
        Collections.sort(answers);
        for (int i = 0; i < CHILDREN; i++) {
            assertEquals(i, answers.get(i), "each restarted child got its own start argument back");
        }
        Ref supRef = Proc.monitor(sup);
        Supervisor.stop(sup);
        assertEquals(ExitReason.NORMAL, Await.down(supRef).reason());
        Await.until("every process is gone", () -> Proc.processes().size() <= processesBefore);
    }
}
