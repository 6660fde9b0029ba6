package dev.otpnet.bench.jmh;

import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The mailbox: a send and receive on the caller's own mailbox (the queue's cost, no wake-up), a
 * round trip between two processes (the wake-up), and four senders into one draining process (the
 * multi-producer path).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MailboxBench {

    private record Ping(Pid from) {
    }

    private record Pong() {
    }

    @State(Scope.Thread)
    public static class Self {
        final Object message = "m";

        @Setup
        public void adopt() {
            Proc.self();
        }
    }

    @Benchmark
    public Object sendToSelfAndReceive(Self s) {
        Proc.send(Proc.self(), s.message);
        return Proc.receive();
    }

    @State(Scope.Thread)
    public static class Echo {
        Pid echo;
        Ping ping;

        @Setup(Level.Trial)
        public void start() {
            ping = new Ping(Proc.self());
            echo = Proc.spawn(() -> {
                while (true) {
                    Ping p = Proc.receive(Ping.class);
                    Proc.send(p.from(), new Pong());
                }
            });
        }

        @TearDown(Level.Trial)
        public void stop() {
            Proc.exit(echo, dev.otpnet.process.ExitReason.KILL);
        }
    }

    @Benchmark
    public Object roundTripBetweenTwoProcesses(Echo e) {
        Proc.send(e.echo, e.ping);
        return Proc.receive(Pong.class);
    }

    @State(Scope.Group)
    public static class Sink {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        Pid sink;

        @Setup(Level.Trial)
        public void start() {
            sink = Proc.spawn(() -> {
                while (true) {
                    Proc.receive();
                    received.incrementAndGet();
                }
            });
        }

        @TearDown(Level.Trial)
        public void stop() {
            Proc.exit(sink, dev.otpnet.process.ExitReason.KILL);
        }
    }

    @Benchmark
    @Group("fourSendersOneReceiver")
    @GroupThreads(4)
    public void send(Sink s) {
        // Keep the backlog bounded, so the benchmark measures sending rather than a growing heap.
        while (s.sent.get() - s.received.get() > 10_000) {
            Thread.onSpinWait();
        }
        s.sent.incrementAndGet();
        Proc.send(s.sink, "m");
    }
}
