package dev.otpnet.bench;

/**
 * How long and how big a run is. {@code quick} takes a few minutes and shows the shape; {@code full}
 * is what BENCHMARKS.md reports; {@code smoke} only proves the harness works end to end (the test
 * suite runs it, and its figures mean nothing).
 */
record Mode(String name, double warmupSeconds, double measureSeconds, int rounds, int idleTcp, int idleTls,
            int s7Idle) {
    static final Mode SMOKE = new Mode("smoke", 0.5, 1, 1, 50, 20, 0);
    static final Mode QUICK = new Mode("quick", 3, 5, 1, 2_000, 500, 0);
    static final Mode FULL = new Mode("full", 10, 10, 3, 20_000, 5_000, 100_000);

    /** The same sizes and times, with {@code n} rounds of each server (A B C A B C ...). */
    Mode withRounds(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, not " + n);
        }
        return new Mode(name, warmupSeconds, measureSeconds, n, idleTcp, idleTls, s7Idle);
    }

    /**
     * The same run with no more idle connections than a process may hold descriptors for
     * ({@code maxOpenFiles}, less room for the JVM's own files and the active clients): the
     * server and the load generator each hold one descriptor per connection.
     */
    Mode fitDescriptors(long maxOpenFiles) {
        int room = (int) Math.max(0, Math.min(Integer.MAX_VALUE, maxOpenFiles - 1_000));
        return new Mode(name, warmupSeconds, measureSeconds, rounds, Math.min(idleTcp, room), Math.min(idleTls, room),
                Math.min(s7Idle, room));
    }

    int idleTcpCount() {
        return idleTcp;
    }
}
