package dev.otpnet.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.HdrHistogram.Recorder;

/**
 * A running load: client threads that keep a scenario going against a {@link Target} until
 * {@link #close()}, counting what they do. {@link #measure(double)} opens a window, waits it out and
 * returns what happened in it; work before the window is warm-up. Every loop also stops by itself
 * at {@code hardStopNanos} (the longest the run may take), so a load can never outlive its bench.
 */
public abstract class Load implements AutoCloseable {
    protected final Target target;
    protected final AtomicLong ops = new AtomicLong();
    protected final AtomicLong bytes = new AtomicLong();
    protected final Recorder latency = new Recorder(3);
    protected final List<Thread> threads = new ArrayList<>();
    protected final List<Target.Conn> conns = new ArrayList<>();
    protected final long hardStopNanos;
    protected volatile boolean stopping;
    private final AtomicLong failures = new AtomicLong();
    private volatile Throwable firstFailure;

    protected Load(Target target, long maxSeconds) {
        this.target = target;
        this.hardStopNanos = System.nanoTime() + maxSeconds * 1_000_000_000L;
    }

    /** Opens the connections and starts the client threads. */
    public abstract void start() throws IOException;

    protected boolean running() {
        return !stopping && System.nanoTime() - hardStopNanos < 0;
    }

    protected void spawn(String name, Runnable body) {
        Thread t = Thread.ofPlatform().name(name).daemon().start(() -> {
            try {
                body.run();
                if (System.nanoTime() - hardStopNanos >= 0) {
                    // Stopped by the time limit, not by the bench: say so, or the run would look
                    // like a server that stopped answering.
                    fail(new IllegalStateException("the load's time limit passed before the bench stopped it"));
                }
            } catch (RuntimeException e) {
                fail(e);
            }
        });
        threads.add(t);
    }

    protected void fail(Throwable e) {
        if (!stopping) {
            failures.incrementAndGet();
            if (firstFailure == null) {
                firstFailure = e;
            }
        }
    }

    /** Operations since the start (for {@link Idle}: connections opened and set up). */
    public long total() {
        return ops.get();
    }

    /** Client-side failures seen while the load was not stopping (a correct run has none). */
    public long failures() {
        return failures.get();
    }

    public Throwable firstFailure() {
        return firstFailure;
    }

    /**
     * Where the client threads are now: for each place, how many threads are there (their state,
     * their innermost frame and the load's own frame that called it, such as {@code Conn.receive}).
     * For a run that stalled, beside the server's thread dump: it tells a server that sits on
     * requests from clients that never sent them.
     */
    public String whereThreadsAre() {
        java.util.Map<String, Integer> places = new java.util.TreeMap<>();
        for (Thread t : threads) {
            StackTraceElement[] stack = t.getStackTrace();
            String own = "";
            for (StackTraceElement f : stack) {
                if (f.getClassName().startsWith(Load.class.getPackageName())) {
                    own = " <- " + f.getClassName().substring(Load.class.getPackageName().length() + 1) + "."
                            + f.getMethodName();
                    break;
                }
            }
            String top = stack.length == 0 ? "(no frame)" : stack[0].toString();
            places.merge(t.getState() + " " + top + own, 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder();
        places.forEach((place, n) -> out.append(n).append(" x ").append(place).append('\n'));
        return out.toString();
    }

    /** Counts for a window of {@code seconds}, starting now. */
    public Sample measure(double seconds) throws InterruptedException {
        long o0 = ops.get();
        long b0 = bytes.get();
        latency.getIntervalHistogram();
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long t1 = System.nanoTime();
        var h = latency.getIntervalHistogram();
        return new Sample(ops.get() - o0, bytes.get() - b0, (t1 - t0) / 1e9,
                h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50) / 1000.0,
                h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0);
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        synchronized (conns) {
            conns.forEach(Target.Conn::close);
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
    }

    /**
     * Opens {@code n} tracked connections, every one of them (and its TLS handshake) before the
     * caller starts any client: a handshake that waits behind a busy server is not what a
     * throughput load measures, and with the server on one core it could outlast the whole run.
     */
    protected List<Target.Conn> openAll(int n) throws IOException {
        List<Target.Conn> opened = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            opened.add(track(target.open()));
        }
        return opened;
    }

        protected Target.Conn track(Target.Conn c) {
        synchronized (conns) {
            conns.add(c);
        }
        return c;
    }

    /** Closed-loop ping-pong: each connection sends one {@code size}-byte packet and waits for it. */
    public static final class Echo extends Load {
        private final int connections;
        private final int size;
        private final boolean background;

        public Echo(Target target, int connections, int size, long maxSeconds) {
            this(target, connections, size, maxSeconds, false);
        }

        /**
         * @param background run the clients at the lowest priority (nice 19): a load beside the
         *     measured one (S8's echoing clients), whose 100 runnable threads would otherwise
         *     hold the load core's run queue and delay the measured client's wake-ups by tens of
         *     milliseconds, more the faster the server answers them
         */
        public Echo(Target target, int connections, int size, long maxSeconds, boolean background) {
            super(target, maxSeconds);
            this.connections = connections;
            this.size = size;
            this.background = background;
        }

        @Override
        public void start() throws IOException {
            List<Target.Conn> opened = openAll(connections);
            for (int i = 0; i < connections; i++) {
                Target.Conn c = opened.get(i);
                spawn("echo-" + i, () -> pingPong(c));
            }
        }

        private void pingPong(Target.Conn c) {
            if (background && !Nice.setThisThread(19)) {
                fail(new IllegalStateException("could not lower a background client's priority (setpriority)"));
                return;
            }
            byte[] out = new byte[size];
            byte[] in = new byte[size];
            try {
                while (running()) {
                    long t0 = System.nanoTime();
                    c.send(out);
                    c.receive(in);
                    latency.recordValue(System.nanoTime() - t0);
                    ops.incrementAndGet();
                    bytes.addAndGet(size);
                }
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    /** Streaming: each connection keeps up to {@code window} packets of {@code size} bytes in flight. */
    public static final class Bulk extends Load {
        private final int connections;
        private final int size;
        private final int window;

        public Bulk(Target target, int connections, int size, int window, long maxSeconds) {
            super(target, maxSeconds);
            this.connections = connections;
            this.size = size;
            this.window = window;
        }

        @Override
        public void start() throws IOException {
            List<Target.Conn> opened = openAll(connections);
            for (int i = 0; i < connections; i++) {
                Target.Conn c = opened.get(i);
                var credits = new java.util.concurrent.Semaphore(window);
                spawn("bulk-writer-" + i, () -> {
                    byte[] out = new byte[size];
                    try {
                        while (running()) {
                            if (credits.tryAcquire(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                                c.send(out);
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        fail(e);
                    }
                });
                spawn("bulk-reader-" + i, () -> {
                    byte[] in = new byte[size];
                    try {
                        while (running()) {
                            int n = c.receive(in);
                            credits.release();
                            ops.incrementAndGet();
                            bytes.addAndGet(n);
                        }
                    } catch (IOException e) {
                        fail(e);
                    }
                });
            }
        }
    }

    /**
     * Full handshakes: each thread connects, completes a TLS handshake, echoes one small packet (so
     * the server has finished its side), invalidates the session so the next one cannot resume, closes.
     */
    public static final class Handshakes extends Load {
        private final int parallel;

        public Handshakes(Target target, int parallel, long maxSeconds) {
            super(target, maxSeconds);
            this.parallel = parallel;
        }

        @Override
        public void start() {
            for (int i = 0; i < parallel; i++) {
                spawn("handshake-" + i, this::loop);
            }
        }

        private void loop() {
            byte[] one = new byte[16];
            byte[] in = new byte[16];
            while (running()) {
                long t0 = System.nanoTime();
                try (Target.Conn c = target.open()) {
                    c.send(one);
                    c.receive(in);
                    if (c.socket() instanceof SSLSocket s) {
                        s.getSession().invalidate();
                    }
                    latency.recordValue(System.nanoTime() - t0);
                    ops.incrementAndGet();
                } catch (IOException e) {
                    fail(e);
                }
            }
        }
    }

    /**
     * Idle connections: opens {@code count} connections (from several loopback source addresses when
     * there are many), echoes one packet on each so the server has set it up, then leaves them open.
     */
    public static final class Idle extends Load {
        private final int count;

        public Idle(Target target, int count, long maxSeconds) {
            super(target, maxSeconds);
            this.count = count;
        }

        @Override
        public void start() throws IOException {
            byte[] one = new byte[8];
            byte[] in = new byte[8];
            for (int i = 0; i < count && running(); i++) {
                String source = count > 20_000 ? "127.0.0." + (2 + i / 20_000) : null;
                Target.Conn c = track(target.open(source));
                c.send(one);
                c.receive(in);
                ops.incrementAndGet();
            }
        }
    }
}
