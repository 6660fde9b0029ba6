package dev.otpnet.bench.load;

/**
 * What one measured window of a scenario counted on the client side: operations (messages echoed or
 * handshakes done), payload bytes echoed, the window's length, and latency percentiles in microseconds
 * (0 where a scenario does not time single operations).
 */
public record Sample(long ops, long bytes, double seconds, double p50Micros, double p99Micros) {
}
