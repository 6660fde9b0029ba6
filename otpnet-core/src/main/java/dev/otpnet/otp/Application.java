package dev.otpnet.otp;

import dev.otpnet.process.Crash;
import dev.otpnet.process.Down;
import dev.otpnet.process.Exit;
import dev.otpnet.process.ExitReason;
import dev.otpnet.process.Pid;
import dev.otpnet.process.Proc;
import dev.otpnet.process.ProcessExit;
import dev.otpnet.process.Ref;
import dev.otpnet.process.Spawned;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An application: a top supervisor started and stopped as one unit, Erlang's
 * {@code application:start/stop} with its application master.
 *
 * <p>{@link #start(String, Start)} spawns the application's master process, which runs
 * {@code start} (Elixir's {@code Application.start/2}: open what the application needs, start the
 * top supervisor linked to the master, return its pid) and then watches the supervisor. What the
 * start function opens, a listen socket for instance, is owned by the master and lives as long as
 * the application. {@link #stop()} stops the top supervisor as its parent does in Erlang, with an
 * exit signal {@code shutdown}: it stops its children in reverse start order, each as its
 * {@link Shutdown} says, and the supervisors among them do the same, so the whole tree drains
 * from the leaves up.
 *
 * <p>{@link #run(String, Start)} is for {@code main}: it starts the application, stops it in that
 * order when the JVM is asked to exit (Ctrl-C, {@code SIGTERM}), and returns when the application
 * has stopped.
 *
 * <pre>{@code
 * // defmodule DemoApp do
 * //   use Application
 * //   def start(_type, _args), do: ... ConnectionHandlerFactory.start_link(l) ...
 * public static void main(String[] args) throws Exception {
 *     Application.run("DemoApp", () -> DemoApp.start(7000, Path.of("certificate.pem"), Path.of("key.pem")));
 * }
 * }</pre>
 */
public final class Application {

    private static final System.Logger LOGGER = System.getLogger("dev.otpnet.otp");

    /** Starts the application's top supervisor, linked to the calling (master) process, and returns its pid. */
    @FunctionalInterface
    public interface Start {
        Pid start() throws Exception;
    }

    private record Started(Ref tag, Pid supervisor) {}

    private record StopRequest() {}

    private final String name;
    private final Pid master;
    private final Pid supervisor;
    private final CompletableFuture<Object> outcome;

    private Application(String name, Pid master, Pid supervisor, CompletableFuture<Object> outcome) {
        this.name = name;
        this.master = master;
        this.supervisor = supervisor;
        this.outcome = outcome;
    }

    /**
     * Starts the application: returns once {@code start} has returned in the master process.
     *
     * @throws OtpException with the reason {@code start} failed (a {@link dev.otpnet.process.Crash}
     *     if it threw)
     */
    public static Application start(String name, Start start) throws OtpException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Pid caller = Proc.self();
        Ref tag = Proc.makeRef();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Spawned spawned = Proc.spawnMonitor(() -> {
            try {
                Proc.trapExit(true);
                Pid top = start.start();
                caller.send(new Started(tag, top));
                watch(name, top);
                outcome.complete(ExitReason.NORMAL);
            } catch (ProcessExit exit) {
                outcome.complete(exit.reason());
                throw exit;
            } catch (Exception | Error e) {
                outcome.complete(new Crash(e));
                throw e;
            }
        });
        Pid master = spawned.pid();
        Ref ref = spawned.ref();
        Object answer = Proc.receive(m -> m instanceof Started s && s.tag().equals(tag) || m instanceof Down d && d.ref().equals(ref));
        if (answer instanceof Down down) {
            throw new OtpException(down.reason());
        }
        Proc.demonitor(ref, true);
        return new Application(name, master, ((Started) answer).supervisor(), outcome);
    }

    /**
     * The master's life: wait for a stop request or the top supervisor's end, whichever comes
     * first. Anything else that reaches the master is dropped, so its mailbox cannot grow.
     */
    private static void watch(String name, Pid top) {
        Object event = Proc.receive();
        while (!(event instanceof StopRequest || event instanceof Exit e && e.from().equals(top))) {
            event = Proc.receive();
        }
        if (event instanceof StopRequest) {
            Proc.exit(top, ExitReason.SHUTDOWN);
            Exit ended = Proc.receive(Exit.class, e -> e.from().equals(top));
            LOGGER.log(Level.INFO, "Application " + name + " stopped: " + ended.reason());
        } else if (event instanceof Exit(Pid from, Object reason)) {
            LOGGER.log(reason == ExitReason.NORMAL || reason == ExitReason.SHUTDOWN ? Level.INFO : Level.ERROR,
                    "Application " + name + " exited: " + reason);
            Proc.exit(reason);
        }
    }

    /**
     * Starts the application, stops it in order when the JVM shuts down (Ctrl-C), and waits until
     * it has stopped, by either way. For {@code main}.
     *
     * @return how the application ended: {@code normal} after a stop, else the reason its top
     *     supervisor exited with
     */
    public static Object run(String name, Start start) throws OtpException {
        CompletableFuture<Application> started = new CompletableFuture<>();
        Thread hook = new Thread(() -> {
            Application app = started.exceptionally(failed -> null).join();
            if (app != null) {
                app.stop();
            }
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook); // before the start: a signal during it still drains
        Application app;
        try {
            app = start(name, start);
        } catch (OtpException | RuntimeException e) {
            started.completeExceptionally(e);
            throw e;
        }
        started.complete(app);
        Object reason = app.awaitTermination();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is what stopped it
        }
        return reason;
    }

    /** The top supervisor. */
    public Pid supervisor() {
        return supervisor;
    }

    /** The application's name. */
    public String name() {
        return name;
    }

    /**
     * Stops the top supervisor, which stops its tree in reverse start order, and returns when the
     * application is down. Stopping a stopped application does nothing.
     */
    public void stop() {
        Ref ref = Proc.monitor(master);
        master.send(new StopRequest());
        Proc.receive(Down.class, d -> d.ref().equals(ref));
    }

    /** Waits until the application is down, however it ended; returns the master's exit reason. */
    public Object awaitTermination() {
        Ref ref = Proc.monitor(master);
        Object reason = Proc.receive(Down.class, d -> d.ref().equals(ref)).reason();
        return outcome.getNow(reason);
    }

    @Override
    public String toString() {
        return "Application[" + name + ", supervisor " + supervisor + "]";
    }
}
