package dev.otpnet.otp;

import dev.otpnet.process.Proc;
import java.util.List;

/**
 * A {@code main} for {@link ApplicationTest}: an application of two supervisors and four workers
 * that print when they start and stop, run until the JVM is told to stop (Ctrl-C).
 */
public final class DrainMain {

    /** A worker that traps exits and prints its start and terminate. */
    record Printer(String id) implements GenServer<Object, String> {
        @Override
        public Init<String> init() {
            Proc.trapExit(true);
            System.out.println("start " + id);
            return Init.ok(id);
        }

        @Override
        public void terminate(Object reason, String state) {
            System.out.println("stop " + id + " " + reason);
        }
    }

    private static ChildSpec printer(String id) {
        return ChildSpec.worker(id, extra -> GenServer.startLink(new Printer(id)));
    }

    public static void main(String[] args) throws Exception {
        Object reason = Application.run("drain", () -> Supervisor.startLink(SupFlags.of(Strategy.ONE_FOR_ONE), List.of(
                printer("a"),
                ChildSpec.supervisor("inner", extra -> Supervisor.startLink(SupFlags.of(Strategy.ONE_FOR_ONE),
                        List.of(printer("b"), printer("c")))),
                printer("d"))));
        System.out.println("application ended " + reason); // after a signal the JVM may halt before this line
    }
}
