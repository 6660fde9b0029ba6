package dev.otpnet.bench;

import dev.otpnet.bench.load.Load;
import dev.otpnet.bench.load.Target;

/**
 * The scenarios: what load, over what transport, and what unit the report counts.
 *
 * <ul>
 *   <li>S1 TCP echo, 64 B, 100 connections; S3 the same over TLS 1.3 (messages per second).</li>
 *   <li>S2 TCP bulk, 64 KiB packets, 4 connections; S4 the same over TLS 1.3 (MB per second).</li>
 *   <li>S5 full TLS 1.3 handshakes, ECDSA P-256 (handshakes per second).</li>
 *   <li>S6 idle connections, TCP and TLS (server bytes per connection).</li>
 *   <li>S7 many idle TCP connections while 100 clients echo (the active clients' p99, server RSS).</li>
 *   <li>S8 new connections while 100 clients echo, TCP and TLS (connections per second from one
 *       client that connects, echoes once and closes, over and over): whether a busy server still
 *       answers newcomers, as Netty's event loop does in turn with its reads. The 100 echoing
 *       clients run at the lowest priority (nice 19) on the load core, so the connecting client's
 *       wake-ups do not wait behind their run queue: what is measured is the server.</li>
 * </ul>
 */
enum Scenario {
    S1("S1 TCP echo 64 B, 100 conns", false, "msgs/s"),
    S2("S2 TCP bulk 64 KiB, 4 conns", false, "MB/s"),
    S3("S3 TLS 1.3 echo 64 B, 100 conns", true, "msgs/s"),
    S4("S4 TLS 1.3 bulk 64 KiB, 4 conns", true, "MB/s"),
    S5("S5 full TLS 1.3 handshakes (ECDSA P-256)", true, "handshakes/s"),
    S5_STIME("S5 full handshakes, driven by openssl s_time -new", true, "handshakes/s"),
    S6_TCP("S6 idle TCP connection", false, "bytes/conn"),
    S6_TLS("S6 idle TLS connection", true, "bytes/conn"),
    S7("S7 idle TCP connections + 100 active echo clients", false, "p99 us"),
    S8_TCP("S8 new TCP connections while 100 clients echo", false, "conns/s"),
    S8_TLS("S8 new TLS connections while 100 clients echo", true, "conns/s");

    final String title;
    final boolean tls;
    final String unit;

    Scenario(String title, boolean tls, String unit) {
        this.title = title;
        this.tls = tls;
        this.unit = unit;
    }

    /** The unit of the rate column of this scenario's own table: S7's summary is a p99, its rate is messages. */
    String rateUnit() {
        return this == S7 ? "msgs/s" : unit;
    }

    boolean idle() {
        return this == S6_TCP || this == S6_TLS;
    }

    /** Whether 100 clients echo beside the measured load (opened first, not counted). */
    boolean busy() {
        return this == S8_TCP || this == S8_TLS;
    }

    /**
     * The load that drives this scenario (for S6 and S7 the idle part is opened separately, for
     * S8 the echoing clients).
     */
    Load load(Target t, Mode mode, long maxSeconds) {
        return switch (this) {
            case S1, S3, S7 -> new Load.Echo(t, 100, 64, maxSeconds);
            case S2, S4 -> new Load.Bulk(t, 4, 64 * 1024, 8, maxSeconds);
            case S5 -> new Load.Handshakes(t, 8, maxSeconds);
            case S8_TCP, S8_TLS -> new Load.Handshakes(t, 1, maxSeconds);
            case S6_TCP -> new Load.Idle(t, mode.idleTcp(), maxSeconds);
            case S6_TLS -> new Load.Idle(t, mode.idleTls(), maxSeconds);
            case S5_STIME -> throw new IllegalStateException("S5_STIME is driven by openssl s_time, not by a Load");
        };
    }

    /** The scenario's figure from a client sample. */
    double rate(dev.otpnet.bench.load.Sample s) {
        return switch (this) {
            case S2, S4 -> s.bytes() / s.seconds() / 1e6;
            default -> s.ops() / s.seconds();
        };
    }
}
